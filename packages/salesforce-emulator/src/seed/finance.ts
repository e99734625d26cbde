/**
 * Money and planning setup: currencies with dated (advanced) exchange rates, fiscal periods, the
 * revenue split type, forecasting types and quarterly quotas for every salesperson.
 */
import { CORPORATE_CURRENCY } from '../schema/field-builders.js';
import { DAY_MS, formatDate } from './format.js';
import type { People, SalesPerson } from './people.js';
import type { SeedContext } from './seed-context.js';

export type Currency = 'USD' | 'EUR' | 'GBP' | 'JPY';

/** Units of each currency per 1 USD when the org was set up; rates drift quarter to quarter from here. */
const SETUP_RATES: Readonly<Record<Exclude<Currency, 'USD'>, number>> = { EUR: 0.92, GBP: 0.79, JPY: 148 };
const DECIMALS: Readonly<Record<Currency, number>> = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };
const FOREIGN = ['EUR', 'GBP', 'JPY'] as const;

export interface Rates {
  /** Units of `currency` per 1 USD effective on `ms` (the dated rate whose range contains it). */
  rateAt(currency: Currency, ms: number): number;
  decimals(currency: Currency): number;
}

export interface Planning {
  rates: Rates;
  revenueSplitTypeId: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function generatePlanning(ctx: SeedContext, people: People): Planning {
  const rates = generateRates(ctx, people.adminUserId);
  const quarterPeriods = generatePeriods(ctx, people.adminUserId);
  const setup = { created: ctx.setupTime + 20 * DAY_MS, createdBy: people.adminUserId };
  const revenueSplitTypeId = ctx.add(
    'OpportunitySplitType',
    {
      Id: ctx.newId('OpportunitySplitType'),
      MasterLabel: 'Revenue',
      DeveloperName: 'Revenue',
      Description: 'Revenue splits must total 100% of the opportunity amount.',
      SplitEntity: 'Opportunity',
      SplitField: 'Amount',
      SplitDataStatus: 'Complete',
      IsActive: true,
      IsTotalValidated: true,
    },
    setup,
  ).Id;
  const forecasting = (developerName: string, label: string, splitTypeId: string | null) =>
    ctx.add(
      'ForecastingType',
      {
        Id: ctx.newId('ForecastingType'),
        DeveloperName: developerName,
        MasterLabel: label,
        IsActive: true,
        IsAmount: true,
        IsQuantity: false,
        RoleType: 'R',
        OpportunitySplitTypeId: splitTypeId,
      },
      setup,
    ).Id;
  const revenueForecast = forecasting('OpportunityRevenue', 'Opportunities - Revenue', null);
  forecasting('OpportunitySplitRevenue', 'Opportunity Revenue Splits', revenueSplitTypeId);
  generateQuotas(ctx, people, quarterPeriods, revenueForecast);
  return { rates, revenueSplitTypeId };
}

function generateRates(ctx: SeedContext, adminUserId: string): Rates {
  // Rates are entered at the start of each quarter; the first range reaches back to 0001-01-01 and
  // the last one is open-ended (NextStartDate 9999-12-31), as Salesforce keeps them.
  const quarterStarts: number[] = [];
  for (const year of ctx.years) {
    for (let q = 0; q < 4; q++) {
      const start = Date.UTC(year, q * 3, 1);
      if (start <= ctx.now) quarterStarts.push(start);
    }
  }
  const table = new Map<Currency, { start: number; rate: number }[]>();
  table.set('USD', [{ start: Number.NEGATIVE_INFINITY, rate: 1 }]);
  for (const currency of FOREIGN) {
    const decimals = currency === 'JPY' ? 4 : 6;
    const setupRate = SETUP_RATES[currency];
    let rate = setupRate;
    const rows = [{ start: Number.NEGATIVE_INFINITY, rate: round(rate, decimals) }];
    for (const start of quarterStarts) {
      // A random walk pulled gently back towards the setup rate: plausible drift, no runaway.
      rate *= Math.exp(0.015 * ctx.rng.normal() + 0.15 * Math.log(setupRate / rate));
      rows.push({ start, rate: round(rate, decimals) });
    }
    table.set(currency, rows);
    rows.forEach((row, i) => {
      const next = rows[i + 1];
      const entered = Number.isFinite(row.start) ? row.start - 2 * DAY_MS : ctx.setupTime;
      ctx.add(
        'DatedConversionRate',
        {
          Id: ctx.newId('DatedConversionRate'),
          IsoCode: currency,
          ConversionRate: row.rate,
          StartDate: Number.isFinite(row.start) ? formatDate(row.start) : '0001-01-01',
          NextStartDate: next ? formatDate(next.start) : '9999-12-31',
        },
        { created: ctx.jitter(entered, 9), createdBy: adminUserId },
      );
    });
  }
  for (const currency of ['USD', ...FOREIGN] as const) {
    const rows = table.get(currency) ?? [];
    ctx.add(
      'CurrencyType',
      {
        Id: ctx.newId('CurrencyType'),
        IsoCode: currency,
        ConversionRate: rows[rows.length - 1]?.rate ?? 1,
        DecimalPlaces: DECIMALS[currency],
        IsActive: true,
        IsCorporate: currency === CORPORATE_CURRENCY,
      },
      {
        created: ctx.setupTime,
        modified: ctx.jitter(quarterStarts.at(-1) ?? ctx.setupTime, 9),
        createdBy: adminUserId,
      },
    );
  }
  return {
    rateAt(currency, ms) {
      const rows = table.get(currency) ?? [];
      let rate = 1;
      for (const row of rows) {
        if (row.start > ms) break;
        rate = row.rate;
      }
      return rate;
    },
    decimals: (currency) => DECIMALS[currency],
  };
}

/** Calendar fiscal years: a Year, four Quarters and twelve Months per seeded year. */
function generatePeriods(ctx: SeedContext, adminUserId: string): Map<number, string> {
  const quarterIds = new Map<number, string>();
  const at = { created: ctx.setupTime, createdBy: adminUserId };
  const period = (type: string, start: number, end: number, n: number, label: string, extra: Record<string, unknown>) =>
    ctx.add(
      'Period',
      {
        Id: ctx.newId('Period'),
        Type: type,
        StartDate: formatDate(start),
        EndDate: formatDate(end),
        Number: n,
        FullyQualifiedLabel: label,
        QuarterLabel: null,
        PeriodLabel: null,
        IsForecastPeriod: false,
        ...extra,
      },
      at,
    ).Id;
  for (const year of ctx.years) {
    period('Year', Date.UTC(year, 0, 1), Date.UTC(year, 11, 31), 1, `FY ${year}`, {});
    for (let q = 0; q < 4; q++) {
      const start = Date.UTC(year, q * 3, 1);
      const id = period('Quarter', start, Date.UTC(year, q * 3 + 3, 0), q + 1, `Q${q + 1} FY ${year}`, {
        QuarterLabel: `Q${q + 1}`,
        IsForecastPeriod: true,
      });
      quarterIds.set(start, id);
    }
    MONTHS.forEach((month, m) => {
      period('Month', Date.UTC(year, m, 1), Date.UTC(year, m + 1, 0), m + 1, `${month} FY ${year}`, {
        PeriodLabel: month,
      });
    });
  }
  return quarterIds;
}

function generateQuotas(
  ctx: SeedContext,
  people: People,
  quarterPeriods: Map<number, string>,
  forecastingTypeId: string,
): void {
  ctx.years.forEach((year, yearIndex) => {
    // Next year's quotas are set in mid-December, 10% above this year's.
    const growth = yearIndex === 0 ? 1 : 1.1;
    const created = yearIndex === 0 ? ctx.setupTime + 25 * DAY_MS : Date.UTC(year - 1, 11, 15, 18);
    for (const person of people.sales) {
      const amount = quotaAmount(person, growth);
      for (let q = 0; q < 4; q++) {
        const start = Date.UTC(year, q * 3, 1);
        ctx.add(
          'ForecastingQuota',
          {
            Id: ctx.newId('ForecastingQuota'),
            QuotaOwnerId: person.id,
            QuotaAmount: amount,
            QuotaQuantity: null,
            StartDate: formatDate(start),
            PeriodId: quarterPeriods.get(start) ?? null,
            ForecastingTypeId: forecastingTypeId,
            IsAmount: true,
            IsQuantity: false,
            ProductFamily: null,
            CurrencyIsoCode: person.currency,
          },
          { created: ctx.jitter(created, 6), createdBy: people.revOpsUserId },
        );
      }
    }
  });
}

/** A round quota in the person's currency: 25k steps for reps, 50k for leaders (5M yen / 10M yen). */
function quotaAmount(person: SalesPerson, growth: number): number {
  const currency = person.currency;
  const planRate = currency === 'USD' ? 1 : SETUP_RATES[currency];
  const step = (person.level === 'ae' ? 25_000 : 50_000) * (currency === 'JPY' ? 200 : 1);
  const local = person.quarterlyQuotaUsd * growth * planRate;
  return Math.max(step, Math.round(local / step) * step);
}
