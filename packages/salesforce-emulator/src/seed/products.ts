/**
 * Products, the standard price book and its entries: one entry per product per enabled currency
 * (a multi-currency org prices each currency separately), at round local list prices.
 */
import { CATALOG, type CatalogProduct } from './catalog.js';
import type { Currency, Rates } from './finance.js';
import { DAY_MS } from './format.js';
import type { SeedContext } from './seed-context.js';

const CURRENCIES: readonly Currency[] = ['USD', 'EUR', 'GBP', 'JPY'];

export interface PriceEntry {
  id: string;
  product: CatalogProduct;
  productId: string;
  /** List price in the entry currency's minor units (cents, or yen). */
  listPriceMinor: number;
}

export interface PriceBook {
  pricebookId: string;
  /** Entries by currency, in catalog order. */
  entries: ReadonlyMap<Currency, readonly PriceEntry[]>;
}

/** A local list price a pricing team would publish: 3 significant digits (whole thousands of yen). */
function roundListPrice(value: number, currency: Currency): number {
  if (currency === 'JPY') return Math.max(1000, Math.round(value / 1000) * 1000);
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 2);
  return Math.round(value / magnitude) * magnitude;
}

export function generatePriceBook(ctx: SeedContext, adminUserId: string, rates: Rates): PriceBook {
  const at = { created: ctx.setupTime + 10 * DAY_MS, createdBy: adminUserId };
  const productIds = CATALOG.map(
    (product) =>
      ctx.add(
        'Product2',
        {
          Id: ctx.newId('Product2'),
          Name: product.name,
          ProductCode: product.code,
          Description: product.description,
          IsActive: true,
          Family: product.family,
          StockKeepingUnit: product.code,
          QuantityUnitOfMeasure: product.unit,
          IsArchived: false,
          CurrencyIsoCode: 'USD',
        },
        at,
      ).Id,
  );
  const pricebookId = ctx.add(
    'Pricebook2',
    {
      Id: ctx.newId('Pricebook2'),
      Name: 'Standard Price Book',
      IsActive: true,
      IsStandard: true,
      IsArchived: false,
      Description: null,
    },
    at,
  ).Id;
  const entries = new Map<Currency, PriceEntry[]>();
  for (const currency of CURRENCIES) {
    const decimals = rates.decimals(currency);
    const rate = rates.rateAt(currency, ctx.setupTime);
    entries.set(
      currency,
      CATALOG.map((product, index) => {
        const listPrice =
          currency === 'USD' ? product.listPriceUsd : roundListPrice(product.listPriceUsd * rate, currency);
        const productId = productIds[index] as string;
        const id = ctx.add(
          'PricebookEntry',
          {
            Id: ctx.newId('PricebookEntry'),
            Name: product.name,
            Pricebook2Id: pricebookId,
            Product2Id: productId,
            UnitPrice: listPrice,
            IsActive: true,
            UseStandardPrice: false,
            ProductCode: product.code,
            IsArchived: false,
            CurrencyIsoCode: currency,
          },
          at,
        ).Id;
        return { id, product, productId, listPriceMinor: Math.round(listPrice * 10 ** decimals) };
      }),
    );
  }
  return { pricebookId, entries };
}
