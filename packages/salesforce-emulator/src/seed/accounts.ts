/**
 * Customer and prospect accounts with invented but believable names, addresses and firmographics,
 * owned by an account executive of the matching territory when there is one.
 */
import { INDUSTRIES } from '../schema/standard-objects-sales.js';
import type { Currency, Rates } from './finance.js';
import { DAY_MS, slug } from './format.js';
import type { People, SalesPerson } from './people.js';
import type { SeedContext } from './seed-context.js';
import { COMPANY_WORDS_A, COMPANY_WORDS_B, COUNTRIES, type Country } from './word-lists.js';

export interface SeedAccount {
  id: string;
  name: string;
  owner: SalesPerson;
  currency: Currency;
  /** Epoch ms the account was created; its opportunities come later. */
  created: number;
}

const STREETS = [
  'Commerce Way',
  'Industrial Pkwy',
  'Harbor Blvd',
  'Logistics Dr',
  'Market St',
  'Enterprise Ave',
  'Innovation Dr',
  'Depot Rd',
];
const ACCOUNT_TYPES = ['Customer - Direct', 'Prospect', 'Customer - Channel'] as const;

/** One account per eight opportunities, at least ten. */
export function accountCount(opportunities: number): number {
  return Math.max(10, Math.round(opportunities / 8));
}

export function generateAccounts(ctx: SeedContext, people: People, rates: Rates, opportunities: number): SeedAccount[] {
  const { rng } = ctx;
  const aesByCurrency = new Map<Currency, SalesPerson[]>();
  for (const ae of people.aes) {
    const list = aesByCurrency.get(ae.currency) ?? [];
    list.push(ae);
    aesByCurrency.set(ae.currency, list);
  }
  const used = new Set<string>();
  const accounts: SeedAccount[] = [];
  const count = accountCount(opportunities);
  const weights = COUNTRIES.map((c) => c.weight);
  for (let n = 1; n <= count; n++) {
    const country = rng.weighted(COUNTRIES, weights);
    const [city, state] = rng.pick(country.cities);
    const name = uniqueName(ctx, country, city, used);
    const territory = aesByCurrency.get(country.currency);
    const owner = territory && rng.chance(0.9) ? rng.pick(territory) : rng.pick(people.aes);
    // Most accounts came over in the CRM migration at setup; the rest were created as they came in.
    const created = rng.chance(0.7)
      ? ctx.jitter(ctx.setupTime + 14 * DAY_MS, 48)
      : ctx.jitter(ctx.setupTime + rng.int(15, 500) * DAY_MS, 10);
    const employees = Math.max(20, Math.round(rng.logNormal(450, 1.1)));
    const revenueStep = country.currency === 'JPY' ? 10_000_000 : 100_000;
    const revenueLocal = employees * rng.logNormal(180_000, 0.4) * rates.rateAt(country.currency, ctx.setupTime);
    const annualRevenue = Math.max(1, Math.round(revenueLocal / revenueStep)) * revenueStep;
    const base = slug(name.split(' ').slice(0, 2).join(''));
    const id = ctx.add(
      'Account',
      {
        Id: ctx.newId('Account'),
        Name: name,
        AccountNumber: `CUS-${String(n).padStart(6, '0')}`,
        Type: rng.weighted(ACCOUNT_TYPES, [6, 3, 1]),
        ParentId: null,
        Industry: rng.pick(INDUSTRIES),
        AnnualRevenue: annualRevenue,
        NumberOfEmployees: employees,
        BillingStreet: `${rng.int(10, 9800)} ${rng.pick(STREETS)}`,
        BillingCity: city,
        BillingState: state,
        BillingPostalCode: String(rng.int(10000, 99999)),
        BillingCountry: country.name,
        Phone: `${country.phonePrefix} ${rng.int(200, 989)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`,
        Website: `https://www.${base}${country.webSuffix}`,
        Description: null,
        OwnerId: owner.id,
        CurrencyIsoCode: country.currency,
      },
      {
        created,
        createdBy: people.adminUserId,
        lastModifiedBy: owner.id,
        modified: created + rng.int(0, 200) * DAY_MS,
      },
    ).Id;
    accounts.push({ id, name, owner, currency: country.currency, created: Math.min(created, ctx.now) });
  }
  return accounts;
}

function uniqueName(ctx: SeedContext, country: Country, city: string, used: Set<string>): string {
  const { rng } = ctx;
  let name = '';
  for (let attempt = 0; attempt < 6; attempt++) {
    name = `${rng.pick(COMPANY_WORDS_A)} ${rng.pick(COMPANY_WORDS_B)} ${rng.pick(country.suffixes)}`;
    if (!used.has(name)) break;
  }
  // Real orgs keep same-named companies apart by location, so do we once the word lists run out.
  if (used.has(name)) name = `${name} (${city})`;
  for (let n = 2; used.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
  used.add(name);
  return name;
}
