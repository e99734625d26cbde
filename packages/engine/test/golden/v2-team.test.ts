import { describe, expect, it } from 'vitest';
import { computeFor, statementKeysOf } from '../../src/index.js';
import { engineInput, run } from '../helpers.js';

/** Ana (AE) and Sam (SE) report to Mia; Mia reports to Vic. */
const base = {
  plans: [
    { id: 'ae', currency: 'USD', period: 'quarter', components: [{ id: 'base', type: 'percent', rate: '0.1' }] },
    {
      id: 'override',
      currency: 'USD',
      period: 'quarter',
      credit: 'team',
      components: [
        { id: 'ovr', type: 'percent', rate: '0.02' },
        { id: 'team-deal', type: 'bonus', per: 'deal', amount: '100' },
      ],
    },
  ],
  assignments: [
    { repId: 'ana', planId: 'ae', from: '2026-01-01' },
    { repId: 'sam', planId: 'ae', from: '2026-01-01' },
    { repId: 'mia', planId: 'override', from: '2026-01-01' },
    { repId: 'vic', planId: 'override', from: '2026-01-01' },
  ],
  managers: [
    { repId: 'ana', managerId: 'mia', from: '2026-01-01' },
    { repId: 'sam', managerId: 'mia', from: '2026-01-01', to: '2026-03-31' },
    { repId: 'mia', managerId: 'vic', from: '2026-01-01' },
  ],
};

const lines = (raw: Record<string, unknown>, repId: string) =>
  run(raw)
    .statements.filter((s) => s.repId === repId)
    .flatMap((s) => s.lines.map((l) => [s.period, l.dealId, l.componentId, l.rate, l.amount, l.explain]));

describe('v2 §3 team credit', () => {
  it('the spec example: a manager over an AE at 60 % and an SE overlay at 100 % is credited once, at 100 %', () => {
    // Deal 100,000: Ana 60 %, Sam 100 % (overlay). Mia's team share = min(1, 0.6 + 1.0) = 1.
    // Override 100,000 × 2 % = 2,000.00; team per-deal bonus 100 × 100 % = 100.00.
    // Vic (Mia's manager) reaches both through Mia: the same, counted once.
    const raw = {
      ...base,
      deals: [
        {
          id: 'big',
          ownerId: 'ana',
          amount: '100000',
          closeDate: '2026-02-10',
          won: true,
          splits: [
            { repId: 'ana', percent: '60' },
            { repId: 'sam', percent: '100' },
          ],
        },
      ],
    };
    const team = 'team credit (ana 60% + sam 100%, counted once at 100%)';
    expect(lines(raw, 'mia')).toEqual([
      ['2026-Q1', 'big', 'ovr', '0.02', '2000.00', `100,000.00 × 2% — ${team}`],
      ['2026-Q1', 'big', 'team-deal', '1', '100.00', `Per-deal bonus 100.00 × 100% ${team}`],
    ]);
    expect(lines(raw, 'vic').map((l) => l[4])).toEqual(['2000.00', '100.00']);
    // The reps keep their own v1 credits: 6,000.00 and 10,000.00.
    expect(lines(raw, 'ana').map((l) => l[4])).toEqual(['6000.00']);
    expect(lines(raw, 'sam').map((l) => l[4])).toEqual(['10000.00']);
  });

  it('the hierarchy is dated: after Sam leaves Mia, his deals no longer credit her', () => {
    // Sam reports to Mia until 2026-03-31. A Q2 deal of Sam's (40,000) credits nobody above him.
    // Ana's Q2 deal of 10,000 (no splits, share 1) credits Mia 200.00 and Vic 200.00.
    const raw = {
      ...base,
      deals: [
        { id: 'sam-q2', ownerId: 'sam', amount: '40000', closeDate: '2026-04-15', won: true },
        { id: 'ana-q2', ownerId: 'ana', amount: '10000', closeDate: '2026-04-16', won: true },
      ],
    };
    expect(lines(raw, 'mia').map((l) => [l[1], l[4], l[5]])).toEqual([
      ['ana-q2', '200.00', '10,000.00 × 2% — team credit (ana 100%)'],
      ['ana-q2', '100.00', 'Per-deal bonus 100.00 × 100% team credit (ana 100%)'],
    ]);
  });

  it('a player-coach is not paid twice, and a team share below 1 is the sum of the members’ shares', () => {
    // Mia sells a deal of 50,000 with Ana: Mia 30 %, Ana 20 %. Mia's team plan credits her
    // 0.3 + 0.2 = 50 % once: 25,000 × 2 % = 500.00 and the bonus 100 × 50 % = 50.00.
    const raw = {
      ...base,
      deals: [
        {
          id: 'coach',
          ownerId: 'mia',
          amount: '50000',
          closeDate: '2026-02-01',
          won: true,
          splits: [
            { repId: 'mia', percent: '30' },
            { repId: 'ana', percent: '20' },
          ],
        },
      ],
    };
    expect(lines(raw, 'mia').map((l) => [l[1], l[3], l[4], l[5]])).toEqual([
      ['coach', '0.02', '500.00', '25,000.00 × 2% — team credit (ana 20% + mia 30% = 50%)'],
      ['coach', '0.5', '50.00', 'Per-deal bonus 100.00 × 50% team credit (ana 20% + mia 30% = 50%)'],
    ]);
  });

  it('statementKeysOf names the managers’ statements, and computeFor gives them from the team’s deals', () => {
    const raw = { ...base, deals: [{ id: 'd', ownerId: 'ana', amount: '1000', closeDate: '2026-05-05', won: true }] };
    const input = engineInput(raw);
    const keys = statementKeysOf(input, input.deals[0]!);
    expect(keys).toEqual([
      { repId: 'ana', period: '2026-Q2' },
      { repId: 'mia', period: '2026-Q2' },
      { repId: 'vic', period: '2026-Q2' },
    ]);
    expect(computeFor(input, [{ repId: 'vic', period: '2026-Q2' }]).statements.map((s) => [s.repId, s.total])).toEqual([
      ['vic', '120.00'],
    ]);
  });
});
