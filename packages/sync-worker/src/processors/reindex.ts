/**
 * When plans, assignments, quotas or rates change, every statement may change, and the statement
 * keys of a deal may move (a new assignment puts a deal in another plan's period). Before each sync
 * and on demand the deal index is rebuilt for the current inputs and every affected key marked dirty.
 */
import type { StatementKey } from '@attain/engine';
import { DEFAULT_FIELD_MAPPING } from '@attain/salesforce';
import { type IndexedInputs, noticeSource, statementKeysFor, statementKeyText } from '@attain/store';
import type { ProcessorContext } from './context.js';
import { dealNotices } from './deal-notices.js';

const BATCH = 500;

/** The engine inputs (without deals) that statement keys are computed against, validated and indexed by rep. */
export async function indexingInput(context: ProcessorContext): Promise<IndexedInputs> {
  return (await context.inputs.current()).indexed();
}

/** Rebuilds the index if the inputs changed since it was built; returns how many keys were marked dirty. */
export async function reindexIfStale(context: ProcessorContext): Promise<number> {
  const { store, logger } = context;
  if ((await store.deals.indexedGeneration()) === (await store.inputs.generation())) return 0;
  const input = await indexingInput(context);
  const { generation } = input;
  const affected: StatementKey[] = [];
  const object = (await store.mapping.current())?.mapping.object ?? DEFAULT_FIELD_MAPPING.object;
  const ids = await store.deals.allIds();
  for (let start = 0; start < ids.length; start += BATCH) {
    const stored = await store.deals.getMany(ids.slice(start, start + BATCH));
    const items = stored.map(({ deal, modstampMs }) => ({ deal, keys: statementKeysFor(input, deal), modstampMs }));
    await store.deals.upsertMany(items);
    // A rep who gained or lost a plan changes the deal's NO_PLAN notices.
    await store.notices.replace(
      items.map(({ deal, keys }) => ({ source: noticeSource.deal(deal.id), notices: dealNotices(object, deal, keys) })),
    );
    for (const item of items) affected.push(...item.keys);
  }
  // Quota-only statements exist without deals; statements computed before may now have to vanish.
  for (const quota of input.base.quotas) affected.push({ repId: quota.repId, period: quota.period });
  affected.push(...(await store.statements.keysWithStatements()));
  await store.deals.markDirty(affected);
  await store.deals.setIndexedGeneration(generation);
  logger.info({ generation, deals: ids.length }, 'deal index rebuilt for new plans, assignments, quotas or rates');
  return new Set(affected.map(statementKeyText)).size;
}
