import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compute,
  computeFor,
  type EngineInput,
  parseDecimal,
  type Statement,
  statementKeysOf,
  sumMoneyText,
} from '../src/index.js';
import { inputArbitrary } from './arbitraries.js';
import { closePrefix, mutate, mutationArbitrary, v2Input, v2RawArbitrary } from './v2-arbitraries.js';

const RUNS = { numRuns: 120 };
const OWN = new Set(['commission', 'bonus', 'cap']);
const units = (text: string) => {
  const value = parseDecimal(text);
  return value.units * 10n ** BigInt(6 - value.scale);
};
const key = (s: { repId: string; planId: string; period: string }) => `${s.repId} ${s.planId} ${s.period}`;

/** A doc closed up to quarter `cut` as computed, then changed. */
const scenario = fc.record({ raw: v2RawArbitrary, cut: fc.integer({ min: 0, max: 4 }), change: mutationArbitrary });

function reorder<T>(items: readonly T[] | undefined, seed: number): T[] | undefined {
  if (items === undefined) return undefined;
  return items
    .map((item, i) => ({ item, k: (i * 7919 + seed * 104729) % 1009 }))
    .sort((x, y) => x.k - y.k)
    .map((entry) => entry.item);
}

describe('plan language v2 (properties)', () => {
  it('closing every statement exactly as computed and computing again gives no adjustment', () => {
    fc.assert(
      fc.property(v2RawArbitrary, fc.integer({ min: 1, max: 4 }), (raw, cut) => {
        const closed = closePrefix(raw, cut);
        const again = compute(v2Input({ ...raw, closed }));
        expect(again.statements.flatMap((s) => s.lines).filter((l) => l.kind === 'adjustment')).toEqual([]);
        // Closed statements are reported exactly as paid, and the open ones as if nothing was closed.
        const before = compute(v2Input(raw)).statements.map((s) => ({ ...s, closed: undefined }));
        expect(again.statements.map((s) => ({ ...s, closed: undefined }))).toEqual(before);
      }),
      RUNS,
    );
  });

  it('conservation: for every (period, deal, component) group, paid + adjustments = due', () => {
    fc.assert(
      fc.property(scenario, ({ raw, cut, change }) => {
        const closed = closePrefix(raw, cut);
        const changed = mutate(raw, change);
        const out = compute(v2Input({ ...changed, closed }));
        const due = compute(v2Input(changed));
        const closedKeys = new Set(closed.map((c) => key(c as unknown as Statement)));
        const groups = new Map<string, bigint>();
        const addTo = (g: string, amount: bigint) => groups.set(g, (groups.get(g) ?? 0n) + amount);
        for (const s of out.statements)
          for (const line of s.lines) {
            if (!OWN.has(line.kind) && line.kind !== 'adjustment') continue;
            if (line.kind !== 'adjustment' && !s.closed) continue; // open statements' own lines are not "paid"
            const of = line.kind === 'adjustment' ? line.ofPeriod! : s.period;
            addTo(`${s.repId} ${s.planId} ${of} ${line.dealId ?? ''} ${line.componentId ?? ''}`, units(line.amount));
          }
        for (const s of due.statements) {
          if (!closedKeys.has(key(s))) continue;
          for (const line of s.lines)
            if (OWN.has(line.kind))
              addTo(
                `${s.repId} ${s.planId} ${s.period} ${line.dealId ?? ''} ${line.componentId ?? ''}`,
                -units(line.amount),
              );
        }
        for (const [group, difference] of groups) expect([group, difference]).toEqual([group, 0n]);
      }),
      RUNS,
    );
  });

  it('balances never go negative and every change is explained by the draw, recovery and carry lines', () => {
    fc.assert(
      fc.property(scenario, ({ raw, cut, change }) => {
        const closed = closePrefix(raw, cut);
        const out = compute(v2Input({ ...mutate(raw, change), closed }));
        const previous = new Map<string, bigint>();
        for (const s of out.statements) {
          if (s.balance === null || s.balance === undefined) continue;
          const balance = units(s.balance);
          expect(balance >= 0n).toBe(true);
          const chain = `${s.repId} ${s.planId}`;
          if (!s.closed) {
            const owed = previous.get(chain) ?? 0n;
            const amount = (kind: string) =>
              s.lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + units(l.amount), 0n);
            const recoverable = (
              raw.plans.find((p) => p.id === s.planId && p.from === (s.planFrom ?? undefined))?.draw as
                | { recoverable: boolean }
                | undefined
            )?.recoverable;
            const draw = recoverable ? amount('draw') : 0n;
            expect(balance).toBe(owed + amount('recovery') + draw + amount('carry'));
            // An open statement with a draw totals at least the draw plus its adjustments minus its recovery.
            const totalUnits = units(s.total);
            const guaranteed =
              amount('draw') > 0n
                ? amount('draw') + s.lines.filter((l) => OWN.has(l.kind)).reduce((sum, l) => sum + units(l.amount), 0n)
                : 0n;
            if (amount('carry') === 0n)
              expect(totalUnits >= guaranteed + amount('adjustment') + amount('recovery')).toBe(true);
            else expect(totalUnits).toBe(0n);
          }
          previous.set(chain, balance);
          expect(
            sumMoneyText(
              s.lines.map((l) => l.amount),
              s.currency,
            ),
          ).toBe(s.total);
        }
      }),
      RUNS,
    );
  });

  it('team share never exceeds 1, and a team credit is the deal counted once', () => {
    fc.assert(
      fc.property(v2RawArbitrary, (raw) => {
        for (const s of compute(v2Input(raw)).statements) {
          if (s.planId !== 't') continue;
          for (const line of s.lines) {
            if (line.componentId !== 'team-deal') continue;
            expect(parseDecimal(line.rate!).units <= 10n ** BigInt(parseDecimal(line.rate!).scale)).toBe(true);
            expect(s.lines.filter((l) => l.dealId === line.dealId && l.componentId === 'team-deal')).toHaveLength(1);
          }
        }
      }),
      RUNS,
    );
  });

  it('the result does not depend on the order of any input array', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 1000 }), ({ raw, cut, change }, seed) => {
        const doc = { ...mutate(raw, change), closed: closePrefix(raw, cut) } as Record<string, unknown>;
        const shuffled: Record<string, unknown> = { ...doc };
        for (const field of ['plans', 'assignments', 'managers', 'quotas', 'deals', 'closed', 'exchangeRates'])
          shuffled[field] = reorder(doc[field] as unknown[] | undefined, seed);
        expect(compute(v2Input(shuffled))).toEqual(compute(v2Input(doc)));
      }),
      RUNS,
    );
  });

  it('computeFor equals compute for the keys given, and a changed deal only changes the keys statementKeysOf names', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fc.nat(), ({ raw, cut, change }, pick, dealPick) => {
        const input = v2Input({ ...mutate(raw, change), closed: closePrefix(raw, cut) });
        const all = compute(input).statements;
        if (all.length === 0) return;
        const chosen = all.filter((_, i) => (i + pick) % 3 === 0).map((s) => ({ repId: s.repId, period: s.period }));
        const wanted = new Set(chosen.map((k) => `${k.repId} ${k.period}`));
        expect(computeFor(input, chosen).statements).toEqual(all.filter((s) => wanted.has(`${s.repId} ${s.period}`)));
        if (input.deals.length === 0) return;
        // Change one deal's amount: statements outside the old and new keys stay as they were.
        const index = dealPick % input.deals.length;
        const old = input.deals[index]!;
        const changedDeal = { ...old, amount: (Number(old.amount) + 12345.67).toFixed(2) };
        const changed: EngineInput = { ...input, deals: input.deals.map((d, i) => (i === index ? changedDeal : d)) };
        const dirty = new Set(
          [...statementKeysOf(input, old), ...statementKeysOf(changed, changedDeal)].map(
            (k) => `${k.repId} ${k.period}`,
          ),
        );
        const after = compute(changed).statements;
        const untouched = (list: Statement[]) => list.filter((s) => !dirty.has(`${s.repId} ${s.period}`));
        expect(untouched(after)).toEqual(untouched(all));
      }),
      RUNS,
    );
  });

  it('a v1 document computes the same under v2 rules: only planFrom, closed and balance are added', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const v1 = compute(input);
        for (const s of v1.statements) expect(Object.keys(s)).not.toContain('planFrom');
        const asV2 = compute({ ...input, asOf: '2026-12-31' });
        const strip = (s: Statement) => {
          const { planFrom, closed, balance, ...rest } = s;
          expect([planFrom === undefined, closed, balance]).toEqual([false, false, null]);
          return rest;
        };
        expect({ ...asV2, statements: asV2.statements.map(strip) }).toEqual(v1);
      }),
      RUNS,
    );
  });
});
