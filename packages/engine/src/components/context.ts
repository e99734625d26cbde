import type { Credit } from '../credit/credit.js';
import type { Decimal } from '../money/decimal.js';
import type { Exact } from '../money/exact.js';
import type { CompiledPlan } from './compiled-plan.js';
import type { LineWriter } from './line-writer.js';

/** What a component sees of one statement: its credits in order, their quota positions, the quota. */
export interface StatementContext {
  plan: CompiledPlan;
  credits: readonly Credit[];
  /** Whether credit i matches the plan's quotaFilter (counts toward quota). */
  counts: readonly boolean[];
  /** Q before credit i, and after it (equal when it does not count). */
  before: readonly Exact[];
  after: readonly Exact[];
  /** Q, the sum of counting credits. */
  credited: Exact;
  /** The quota when there is one above zero; undefined means attainment is undefined. */
  quota: Decimal | undefined;
  /** Q / quota rounded to 4 decimals (for explain texts); undefined without a quota. */
  attainment: Decimal | undefined;
  writer: LineWriter;
}
