/**
 * The engine's inputs other than deals: plans, assignments and quotas (admin imports, or synced
 * from Salesforce), the corporate currency and dated exchange rates. Everything is validated by the
 * engine itself before it is written, so the store never holds a document the engine would refuse.
 * Every change bumps a generation counter: all statements computed before it are stale.
 */
import type { Assignment, EngineInput, ExchangeRate, Issue, Plan, Quota, ValidationResult } from '@attain/engine';
import { validate, validatePlan } from '@attain/engine';
import { compareIds } from '@attain/salesforce';
import type { ChainableCommander, Redis } from 'ioredis';
import { type RedisKeys, statementKeyText } from './keys.js';

export type InputWriteResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Everything of an engine input document but the deals. */
export interface EngineInputBase {
  corporateCurrency: string;
  plans: Plan[];
  assignments: Assignment[];
  quotas: Quota[];
  exchangeRates: ExchangeRate[];
  /** The inputs' generation when they were read. */
  generation: number;
}

const DEFAULT_CORPORATE_CURRENCY = 'USD';

export class InputStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * The keys a transaction that changes these inputs WATCHes (an admin change decided on what it
   * read: another change meanwhile makes it decide again).
   */
  watchKeys(...kinds: ('plans' | 'assignments' | 'quotas')[]): string[] {
    return kinds.map((kind) => this.keys[kind]);
  }

  // Writes into a caller's MULTI (with the audit entry that records them); each bumps the generation.
  // The documents must be engine-validated already.

  /** Adds or replaces one plan. */
  writePlan(multi: ChainableCommander, plan: Plan): ChainableCommander {
    return multi.hset(this.keys.plans, plan.id, JSON.stringify(plan)).incr(this.keys.inputsGeneration);
  }

  /** Removes one plan (the caller checked that no assignment names it). */
  writePlanRemoval(multi: ChainableCommander, planId: string): ChainableCommander {
    return multi.hdel(this.keys.plans, planId).incr(this.keys.inputsGeneration);
  }

  /** Replaces every assignment. */
  writeAssignments(multi: ChainableCommander, assignments: Assignment[]): ChainableCommander {
    return multi.set(this.keys.assignments, JSON.stringify(assignments)).incr(this.keys.inputsGeneration);
  }

  /** Replaces every quota (stored by `rep|period`). */
  writeQuotas(multi: ChainableCommander, quotas: Quota[]): ChainableCommander {
    const fields = quotas.flatMap((quota) => [statementKeyText(quota), quota.amount]);
    multi.del(this.keys.quotas);
    if (fields.length > 0) multi.hset(this.keys.quotas, ...fields);
    return multi.incr(this.keys.inputsGeneration);
  }

  async base(): Promise<EngineInputBase> {
    const results = await this.redis
      .multi()
      .hvals(this.keys.plans)
      .get(this.keys.assignments)
      .hgetall(this.keys.quotas)
      .hget(this.keys.settings, 'corporateCurrency')
      .get(this.keys.exchangeRates)
      .get(this.keys.inputsGeneration)
      .exec();
    const value = (index: number) => {
      const [error, result] = results?.[index] ?? [new Error('transaction aborted'), null];
      if (error) throw error;
      return result;
    };
    const plans = (value(0) as string[]).map((text) => JSON.parse(text) as Plan).sort((a, b) => compareIds(a.id, b.id));
    const quotas = Object.entries(value(2) as Record<string, string>)
      .map(([key, amount]) => {
        const bar = key.indexOf('|');
        return { repId: key.slice(0, bar), period: key.slice(bar + 1), amount };
      })
      .sort((a, b) => compareIds(a.repId, b.repId) || compareIds(a.period, b.period));
    return {
      corporateCurrency: (value(3) as string | null) ?? DEFAULT_CORPORATE_CURRENCY,
      plans,
      assignments: JSON.parse((value(1) as string | null) ?? '[]') as Assignment[],
      quotas,
      exchangeRates: JSON.parse((value(4) as string | null) ?? '[]') as ExchangeRate[],
      generation: Number(value(5) ?? 0),
    };
  }

  /** The validated engine input for `deals` (an input the store holds plus deals it holds is always valid). */
  async engineInput(deals: unknown[]): Promise<ValidationResult> {
    const { generation: _generation, ...base } = await this.base();
    return validate({ ...base, deals });
  }

  async generation(): Promise<number> {
    return Number((await this.redis.get(this.keys.inputsGeneration)) ?? 0);
  }

  /** Adds or replaces one plan (engine-validated; assignments naming it stay valid). */
  async putPlan(document: unknown): Promise<InputWriteResult<Plan>> {
    const checked = validatePlan(document);
    if (!checked.ok) return checked;
    const plan = checked.value;
    await this.writePlan(this.redis.multi(), plan).exec();
    return { ok: true, value: plan };
  }

  /** Removes a plan, refused while an assignment names it. */
  async removePlan(planId: string): Promise<InputWriteResult<boolean>> {
    const base = await this.base();
    const users = base.assignments.findIndex((assignment) => assignment.planId === planId);
    if (users >= 0) {
      return {
        ok: false,
        issues: [
          { code: 'plan_in_use', path: ['assignments', users, 'planId'], message: `plan ${planId} is still assigned` },
        ],
      };
    }
    const [[, removed] = [null, 0]] = (await this.writePlanRemoval(this.redis.multi(), planId).exec()) ?? [[null, 0]];
    return { ok: true, value: removed === 1 };
  }

  /** Replaces every assignment (an admin import); validated against the stored plans. */
  async setAssignments(assignments: unknown): Promise<InputWriteResult<Assignment[]>> {
    const base = await this.base();
    const checked = validate({ corporateCurrency: base.corporateCurrency, plans: base.plans, assignments, deals: [] });
    if (!checked.ok) return checked;
    await this.writeAssignments(this.redis.multi(), checked.value.assignments).exec();
    return { ok: true, value: checked.value.assignments };
  }

  /** Replaces every quota (an admin import, or the ForecastingQuota sync). */
  async setQuotas(quotas: unknown): Promise<InputWriteResult<Quota[]>> {
    const checked = validate({ plans: [], assignments: [], quotas, deals: [] });
    if (!checked.ok) return checked;
    await this.writeQuotas(this.redis.multi(), checked.value.quotas).exec();
    return { ok: true, value: checked.value.quotas };
  }

  /** Sets the corporate currency and the dated exchange rates (from Salesforce's DatedConversionRate). */
  async setCurrencies(
    corporateCurrency: string,
    exchangeRates: unknown,
  ): Promise<InputWriteResult<EngineInput['exchangeRates']>> {
    const checked = validate({ corporateCurrency, plans: [], assignments: [], exchangeRates, deals: [] });
    if (!checked.ok) return checked;
    await this.redis
      .multi()
      .hset(this.keys.settings, 'corporateCurrency', checked.value.corporateCurrency)
      .set(this.keys.exchangeRates, JSON.stringify(checked.value.exchangeRates))
      .incr(this.keys.inputsGeneration)
      .exec();
    return { ok: true, value: checked.value.exchangeRates };
  }
}
