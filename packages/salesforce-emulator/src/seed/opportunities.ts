/**
 * Two calendar years of pipeline: opportunities in every stage (closed ones in the past, open ones
 * mostly ahead), each with 1–3 products whose total prices make up the amount exactly, and revenue
 * splits on some won deals. Money is computed in whole minor units so every sum is exact.
 */
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../schema/opportunity-stages.js';
import { LEAD_SOURCES, OPPORTUNITY_TYPES } from '../schema/standard-objects-sales.js';
import type { SeedAccount } from './accounts.js';
import { CATALOG } from './catalog.js';
import type { Planning } from './finance.js';
import { DAY_MS, formatDate, fromMinorUnits } from './format.js';
import type { People, SalesPerson } from './people.js';
import type { PriceBook, PriceEntry } from './products.js';
import type { SeedContext } from './seed-context.js';
import { DEAL_NAMES, NEXT_STEPS } from './word-lists.js';

type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];

const OPEN_STAGES = OPPORTUNITY_STAGES.filter((s) => !s.isClosed);
const WON = OPPORTUNITY_STAGES.find((s) => s.isWon) as OpportunityStage;
const LOST = OPPORTUNITY_STAGES.find((s) => s.isClosed && !s.isWon) as OpportunityStage;

/** Median deal size in USD by type; amounts are log-normal around it. */
const MEDIAN_USD: Readonly<Record<OpportunityType, number>> = {
  'New Business': 60_000,
  'Existing Business': 32_000,
  Renewal: 28_000,
};
const TYPE_WEIGHTS = [45, 35, 20];

/** Which products each kind of deal sells, by product code. */
const PRODUCT_POOLS: Readonly<Record<OpportunityType, readonly number[]>> = {
  'New Business': codes(
    'NW-HW-A200',
    'NW-HW-A500',
    'NW-SW-FME',
    'NW-SW-FMP',
    'NW-PS-IMS',
    'NW-PS-IMP',
    'NW-PS-TRN',
    'NW-HW-CD2',
  ),
  'Existing Business': codes(
    'NW-HW-A200',
    'NW-HW-A500',
    'NW-SW-VIS',
    'NW-SW-RTO',
    'NW-SW-FME',
    'NW-HW-CD2',
    'NW-HW-LSK',
  ),
  Renewal: codes('NW-SW-FME', 'NW-SW-FMP', 'NW-SP-PRM', 'NW-SP-STD', 'NW-SW-VIS', 'NW-SW-RTO', 'NW-SP-EW3'),
};

function codes(...productCodes: string[]): number[] {
  return productCodes.map((code) => CATALOG.findIndex((p) => p.code === code));
}

/** Share of won deals that carry revenue splits between two or three reps. */
const SPLIT_SHARE = 0.15;

export function generateOpportunities(
  ctx: SeedContext,
  count: number,
  people: People,
  accounts: readonly SeedAccount[],
  planning: Planning,
  priceBook: PriceBook,
): void {
  const { rng } = ctx;
  const [firstYear, lastYear] = ctx.years;
  const windowStart = Date.UTC(firstYear, 0, 1);
  const windowEnd = Date.UTC(lastYear, 11, 31);
  const teamOf = new Map(people.aes.map((ae) => [ae.id, people.teams[ae.team] ?? []]));

  for (let i = 0; i < count; i++) {
    // A few big accounts get many deals, most get a handful (u^1.6 favours low indexes).
    const account = accounts[Math.floor(accounts.length * rng.next() ** 1.6)] as SeedAccount;
    const team = teamOf.get(account.owner.id) ?? people.aes;
    const owner = rng.chance(0.8) ? account.owner : rng.pick(team.length > 1 ? team : people.aes);
    const type = rng.weighted(OPPORTUNITY_TYPES, TYPE_WEIGHTS);
    let close = closeDate(ctx, firstYear);
    if (close < account.created + 14 * DAY_MS) {
      close = Math.min(windowEnd, account.created + rng.int(14, 120) * DAY_MS);
      close -= close % DAY_MS;
    }
    close = Math.max(windowStart, close);
    const stage = chooseStage(ctx, close);
    const currency = account.currency !== 'USD' && rng.chance(0.1) ? 'USD' : account.currency;
    const decimals = planning.rates.decimals(currency);
    const targetMinor =
      Math.min(1_500_000, Math.max(3_000, rng.logNormal(MEDIAN_USD[type], 0.85))) *
      planning.rates.rateAt(currency, close) *
      10 ** decimals;

    // Timeline: created one sales cycle before the close date, never before the account or after now.
    const cycle = Math.min(365, Math.max(7, Math.round(rng.logNormal(75, 0.5))));
    let created = close - cycle * DAY_MS + rng.int(8, 18) * 3_600_000;
    created = Math.max(created, account.created + DAY_MS);
    if (created > ctx.now) created = Math.min(ctx.now, ctx.jitter(ctx.now - rng.int(2, 45) * DAY_MS, 10));
    created = Math.max(created, account.created);
    const modified = stage.isClosed
      ? ctx.jitter(close + rng.int(0, 2) * DAY_MS + 8 * 3_600_000, 10)
      : created + Math.floor(rng.next() * (ctx.now - created));

    const entries = priceBook.entries.get(currency) ?? [];
    const lines = chooseLines(ctx, type, entries, targetMinor);
    let amountMinor = 0;
    let quantity = 0;
    for (const line of lines) {
      amountMinor += line.totalMinor;
      quantity += line.quantity;
    }
    const closeDay = new Date(close);
    const closeYear = closeDay.getUTCFullYear();
    const quarter = Math.floor(closeDay.getUTCMonth() / 3) + 1;
    const name = `${account.name} — ${rng.pick(DEAL_NAMES[type])}${type === 'Renewal' ? ` ${closeYear}` : ''}`;
    const audit = { created, modified, createdBy: owner.id };
    const opportunity = ctx.add(
      'Opportunity',
      {
        Id: ctx.newId('Opportunity'),
        Name: name,
        AccountId: account.id,
        OwnerId: owner.id,
        Description: null,
        StageName: stage.name,
        Amount: fromMinorUnits(amountMinor, decimals),
        Probability: stage.probability,
        ExpectedRevenue: fromMinorUnits(Math.round((amountMinor * stage.probability) / 100), decimals),
        TotalOpportunityQuantity: quantity,
        CloseDate: formatDate(close),
        Type: type,
        NextStep: stage.isClosed ? null : rng.pick(NEXT_STEPS),
        LeadSource: type === 'New Business' ? rng.pick(LEAD_SOURCES) : null,
        IsClosed: stage.isClosed,
        IsWon: stage.isWon,
        ForecastCategory: stage.forecastCategory,
        ForecastCategoryName: stage.forecastCategoryName,
        CurrencyIsoCode: currency,
        Pricebook2Id: priceBook.pricebookId,
        HasOpportunityLineItem: lines.length > 0,
        FiscalQuarter: quarter,
        FiscalYear: closeYear,
        Fiscal: fiscalLabel(closeYear, quarter),
        LastActivityDate: null,
        // System fields, filled by ctx.add; declared here so the record never changes shape.
        IsDeleted: false,
        CreatedDate: '',
        CreatedById: '',
        LastModifiedDate: '',
        LastModifiedById: '',
        SystemModstamp: '',
      },
      audit,
    );
    lines.forEach((line, index) => {
      ctx.add(
        'OpportunityLineItem',
        {
          Id: ctx.newId('OpportunityLineItem'),
          OpportunityId: opportunity.Id,
          SortOrder: index + 1,
          PricebookEntryId: line.entry.id,
          Product2Id: line.entry.productId,
          ProductCode: line.entry.product.code,
          Name: `${name} ${line.entry.product.name}`,
          Quantity: line.quantity,
          TotalPrice: fromMinorUnits(line.totalMinor, decimals),
          UnitPrice: fromMinorUnits(line.unitMinor, decimals),
          ListPrice: fromMinorUnits(line.entry.listPriceMinor, decimals),
          Discount: null,
          ServiceDate: null,
          Description: null,
          CurrencyIsoCode: currency,
          IsDeleted: false,
          CreatedDate: '',
          CreatedById: '',
          LastModifiedDate: '',
          LastModifiedById: '',
          SystemModstamp: '',
        },
        { created: created + (index + 1) * 60_000, modified: created + (index + 1) * 60_000, createdBy: owner.id },
      );
    });
    if (stage.isWon && rng.chance(SPLIT_SHARE)) {
      addSplits(ctx, opportunity.Id, owner, team, people, amountMinor, decimals, currency, planning, audit);
    }
  }
}

const fiscalLabels = new Map<number, string>();

/** `2026 2`: Salesforce's Fiscal field (year, space, quarter); shared strings, there are only eight. */
function fiscalLabel(year: number, quarter: number): string {
  const key = year * 10 + quarter;
  let label = fiscalLabels.get(key);
  if (label === undefined) {
    label = `${year} ${quarter}`;
    fiscalLabels.set(key, label);
  }
  return label;
}

/** A close date in the two seeded years, bunched towards quarter ends as real bookings are. */
function closeDate(ctx: SeedContext, firstYear: number): number {
  const { rng } = ctx;
  const quarter = rng.int(0, 7);
  const year = firstYear + (quarter >> 2);
  const month = (quarter % 4) * 3 + rng.weighted([0, 1, 2], [27, 30, 43]);
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = rng.chance(0.25) ? rng.int(daysInMonth - 4, daysInMonth) : rng.int(1, daysInMonth);
  return Date.UTC(year, month, day);
}

/** Past close dates are mostly decided (a few slipped deals stay open); future ones advance with time. */
function chooseStage(ctx: SeedContext, close: number): OpportunityStage {
  const { rng } = ctx;
  const daysAhead = (close - ctx.now) / DAY_MS;
  if (daysAhead < 0) {
    const overdue = -daysAhead;
    if (overdue < 60 && rng.chance(0.3 * (1 - overdue / 60))) return OPEN_STAGES[rng.int(4, 7)] as OpportunityStage;
    return rng.chance(0.42) ? WON : LOST;
  }
  const progress = 1 - Math.min(1, daysAhead / 300);
  const index = Math.min(7, Math.max(0, Math.round(progress * 7 + rng.normal() * 1.3)));
  return OPEN_STAGES[index] as OpportunityStage;
}

interface Line {
  entry: PriceEntry;
  quantity: number;
  unitMinor: number;
  totalMinor: number;
}

/** 1–3 distinct products; quantities sized so the deal lands near the target at a modest discount. */
function chooseLines(
  ctx: SeedContext,
  type: OpportunityType,
  entries: readonly PriceEntry[],
  targetMinor: number,
): Line[] {
  const { rng } = ctx;
  const pool = [...PRODUCT_POOLS[type]];
  const count = rng.weighted([1, 2, 3], [45, 35, 20]);
  const weights: number[] = [];
  let weightSum = 0;
  for (let i = 0; i < count; i++) {
    const w = 0.3 + rng.next();
    weights.push(w);
    weightSum += w;
  }
  const lines: Line[] = [];
  for (let i = 0; i < count && pool.length > 0; i++) {
    const [productIndex] = pool.splice(rng.int(0, pool.length - 1), 1);
    const entry = entries[productIndex ?? 0];
    if (!entry) continue;
    const discount = Math.floor(rng.next() * 21) / 100;
    const unitMinor = Math.max(1, Math.round(entry.listPriceMinor * (1 - discount)));
    const share = (targetMinor * (weights[i] ?? 1)) / weightSum;
    const quantity = Math.min(5000, Math.max(1, Math.round(share / unitMinor)));
    lines.push({ entry, quantity, unitMinor, totalMinor: quantity * unitMinor });
  }
  return lines;
}

/** Revenue splits: the owner keeps at least half; percentages total exactly 100 and amounts exactly Amount. */
function addSplits(
  ctx: SeedContext,
  opportunityId: string,
  owner: SalesPerson,
  team: readonly SalesPerson[],
  people: People,
  amountMinor: number,
  decimals: number,
  currency: string,
  planning: Planning,
  audit: { created: number; modified: number; createdBy: string },
): void {
  const { rng } = ctx;
  const candidates = (team.length > 1 ? team : people.aes).filter((p) => p.id !== owner.id);
  if (candidates.length === 0) return;
  const partners: SalesPerson[] = [];
  const wanted = Math.min(candidates.length, rng.chance(0.7) ? 1 : 2);
  while (partners.length < wanted) {
    const candidate = rng.pick(candidates);
    if (!partners.includes(candidate)) partners.push(candidate);
  }
  const ownerPercent = rng.pick([50, 60, 70, 75, 80]);
  const rest = 100 - ownerPercent;
  const partnerPercents =
    partners.length === 1 ? [rest] : [Math.min(rest - 5, 5 * rng.int(1, Math.floor(rest / 10))), 0];
  if (partners.length === 2) partnerPercents[1] = rest - (partnerPercents[0] ?? 0);

  const shares = partners.map((partner, i) => {
    const percent = partnerPercents[i] ?? 0;
    return { person: partner, percent, minor: Math.round((amountMinor * percent) / 100) };
  });
  // The owner takes the rounding remainder, so the split amounts add up to Amount exactly.
  const ownerMinor = amountMinor - shares.reduce((sum, s) => sum + s.minor, 0);
  const at = { created: audit.modified, createdBy: owner.id };
  for (const share of [{ person: owner, percent: ownerPercent, minor: ownerMinor }, ...shares]) {
    ctx.add(
      'OpportunitySplit',
      {
        Id: ctx.newId('OpportunitySplit'),
        OpportunityId: opportunityId,
        SplitOwnerId: share.person.id,
        SplitPercentage: share.percent,
        SplitAmount: fromMinorUnits(share.minor, decimals),
        SplitTypeId: planning.revenueSplitTypeId,
        SplitNote: null,
        HasOpportunityLineItemSplit: false,
        CurrencyIsoCode: currency,
      },
      at,
    );
  }
}
