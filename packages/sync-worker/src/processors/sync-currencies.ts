/**
 * The org's currencies: the corporate currency and active codes from `CurrencyType`, dated rates
 * from `DatedConversionRate` (advanced currency management). Orgs without multi-currency have
 * neither object: the store's corporate currency then stays as configured (USD by default).
 * Written only when they changed, since a change makes every statement stale.
 */
import { type ExchangeRate, readDecimalText } from '@attain/engine';
import { canonicalJson } from '@attain/salesforce';
import type { ProcessorContext } from './context.js';

export interface OrgCurrencies {
  corporateCurrency: string;
  active: Set<string>;
  rates: ExchangeRate[];
}

interface CurrencyTypeRow {
  IsoCode: string;
  IsCorporate: boolean;
  IsActive: boolean;
}
interface DatedRateRow {
  IsoCode: string;
  ConversionRate: unknown;
  StartDate: string;
}

function isMissingObject(error: unknown): boolean {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return code === 'INVALID_TYPE' || code === 'NOT_FOUND';
}

/** Reads and stores the org's currencies; null when the org is single-currency. */
export async function syncCurrencies(context: ProcessorContext): Promise<OrgCurrencies | null> {
  const { salesforce, store, logger } = context;
  let types: CurrencyTypeRow[];
  let rateRows: DatedRateRow[];
  try {
    types = await salesforce.call(
      async (c) => (await c.query<CurrencyTypeRow>('SELECT IsoCode, IsCorporate, IsActive FROM CurrencyType')).records,
    );
    rateRows = await salesforce.call(
      async (c) =>
        (
          await c.query<DatedRateRow>(
            'SELECT IsoCode, ConversionRate, StartDate FROM DatedConversionRate ORDER BY IsoCode, StartDate',
          )
        ).records,
    );
  } catch (error) {
    if (isMissingObject(error)) return null;
    throw error;
  }
  const corporate = types.find((type) => type.IsCorporate)?.IsoCode;
  if (!corporate) return null;
  const rates: ExchangeRate[] = [];
  for (const row of rateRows) {
    const rate = readDecimalText(row.ConversionRate);
    if (row.IsoCode === corporate || rate === null) continue;
    rates.push({ currency: row.IsoCode, rate, from: row.StartDate });
  }
  const base = await store.inputs.base();
  if (base.corporateCurrency !== corporate || canonicalJson(base.exchangeRates) !== canonicalJson(rates)) {
    const saved = await store.inputs.setCurrencies(corporate, rates);
    if (!saved.ok) {
      logger.warn({ issues: saved.issues }, "the org's currencies were refused by the engine; keeping the stored ones");
    }
  }
  return {
    corporateCurrency: corporate,
    active: new Set(types.filter((t) => t.IsActive).map((t) => t.IsoCode)),
    rates,
  };
}
