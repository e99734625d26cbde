import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compute, sumMoneyText } from '../src/index.js';
import { toEngineInput } from './arbitraries.js';

/*
 * Marginal pieces, exactly: whole-cent USD amounts cut at whole-cent bounds give whole-cent pieces, so
 * the shown pieces of each credit must add up to its credited amount to the cent, with no rounding slack.
 */
const cents = fc.integer({ min: 0, max: 5_000_000 }).map((n) => (n / 100).toFixed(2));

const scenario = fc.record({
  steps: fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 5 }),
  amounts: fc.array(fc.tuple(cents, fc.boolean()), { minLength: 1, maxLength: 20 }),
});

describe('marginal tiers (property)', () => {
  it('the pieces of every counting credit add up to it exactly; a non-counting credit is one line', () => {
    fc.assert(
      fc.property(scenario, ({ steps, amounts }) => {
        let bound = 0;
        const tiers: { upTo?: string; rate: string }[] = steps.map((step, i) => {
          bound += step;
          return { upTo: (bound / 100).toFixed(2), rate: `0.0${i + 1}` };
        });
        tiers.push({ rate: '0.5' });
        const input = toEngineInput({
          plans: [
            {
              id: 'p',
              currency: 'USD',
              period: 'quarter',
              quotaFilter: { field: 'fields.counts', op: 'eq', value: true },
              components: [
                { id: 'tiers', type: 'tiered', basis: 'amount', mode: 'marginal', tiers },
                { id: 'whole', type: 'percent', rate: '1' },
              ],
            },
          ],
          assignments: [{ repId: 'r', planId: 'p', from: '2026-01-01' }],
          deals: amounts.map(([amount, counts], i) => ({
            id: `d${String(i).padStart(2, '0')}`,
            ownerId: 'r',
            amount,
            closeDate: '2026-02-01',
            won: true,
            fields: { counts },
          })),
        });
        const statement = compute(input).statements[0]!;
        for (const [i, [amount, counts]] of amounts.entries()) {
          const dealId = `d${String(i).padStart(2, '0')}`;
          const pieces = statement.lines.filter((line) => line.componentId === 'tiers' && line.dealId === dealId);
          if (!counts) expect(pieces).toHaveLength(1);
          if (amount === '0.00' && counts) expect(pieces).toHaveLength(0);
          else
            expect(
              sumMoneyText(
                pieces.map((piece) => piece.base!),
                'USD',
              ),
            ).toBe(amount);
          // Pieces of one credit move up through consecutive tiers.
          for (let k = 1; k < pieces.length; k++) expect(pieces[k]!.tier).toBe(pieces[k - 1]!.tier! + 1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
