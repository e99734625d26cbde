/**
 * A believable demo org, "Northwind Robotics": a sales organization with quotas, customers,
 * products and two calendar years of pipeline in four currencies. Deterministic for
 * (seed, opportunities, today): the seed reads no clock. Tests pass a fixed `today`, so what the org
 * holds (which quarter is current, which deals are closed) does not depend on the day they run.
 */
import type { SObjectRecord } from '../schema/types.js';
import { generateAccounts } from './accounts.js';
import { generatePlanning } from './finance.js';
import { generateOpportunities } from './opportunities.js';
import { COMPANY_NAME, generatePeople } from './people.js';
import { generatePriceBook } from './products.js';
import { SeedContext } from './seed-context.js';

export interface GenerateOrgOptions {
  seed: number;
  /** Number of opportunities; users (~1 per 40), accounts (~1 per 8) and the rest scale with it. */
  opportunities: number;
  /**
   * The org's "today", the moment it is seeded: opportunities span its year and the previous one,
   * deals before it are mostly closed, and no generated timestamp is later.
   */
  today: Date;
}

export interface SeedData {
  org: { id: string; name: string; currency: string };
  /** Records by object API name, each with an `Id` and Salesforce's system fields. */
  objects: Record<string, SObjectRecord[]>;
}

export function generateOrg(options: GenerateOrgOptions): SeedData {
  if (!Number.isInteger(options.opportunities) || options.opportunities < 0) {
    throw new RangeError(`opportunities must be a non-negative integer, got ${options.opportunities}`);
  }
  if (Number.isNaN(options.today.getTime())) throw new RangeError('today is not a valid date');
  const ctx = new SeedContext(options.seed, options.today);
  const orgId = ctx.newId('Organization');
  const people = generatePeople(ctx, options.opportunities);
  ctx.add(
    'Organization',
    {
      Id: orgId,
      Name: COMPANY_NAME,
      Division: null,
      Street: '1200 Westlake Ave N',
      City: 'Seattle',
      State: 'WA',
      PostalCode: '98109',
      Country: 'United States',
      Phone: '+1 206 555 0142',
      OrganizationType: 'Enterprise Edition',
      InstanceName: 'EMU1',
      IsSandbox: false,
      NamespacePrefix: null,
      FiscalYearStartMonth: 1,
      UsesStartDateAsFiscalYearName: false,
      DefaultLocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'America/Los_Angeles',
      DefaultCurrencyIsoCode: 'USD',
    },
    { created: ctx.setupTime, createdBy: people.adminUserId },
  );
  const planning = generatePlanning(ctx, people);
  const priceBook = generatePriceBook(ctx, people.adminUserId, planning.rates);
  const accounts = generateAccounts(ctx, people, planning.rates, options.opportunities);
  generateOpportunities(ctx, options.opportunities, people, accounts, planning, priceBook);
  for (const name of ['Opportunity', 'OpportunityLineItem', 'OpportunitySplit']) ctx.objects[name] ??= [];
  return { org: { id: orgId, name: COMPANY_NAME, currency: 'USD' }, objects: ctx.objects };
}
