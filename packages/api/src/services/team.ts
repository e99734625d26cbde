/** A manager's team for one period: everyone under them with their statement totals, and sums per currency. */
import { sumMoneyText } from '@attain/engine';
import type { DirectoryView } from '../auth/directory-view.js';
import type { StatementReader, StatementSummary } from './statements.js';

export interface TeamSummary {
  managerId: string;
  period: string;
  members: { repId: string; name: string; managerId: string | null; statements: StatementSummary[] }[];
  totals: { currency: string; reps: number; credited: string; total: string }[];
}

export async function teamSummary(
  directory: DirectoryView,
  statements: StatementReader,
  managerId: string,
  period: string,
): Promise<TeamSummary> {
  const team = directory.teamOf(managerId);
  const summaries = await statements.summaries(
    team.map((user) => user.id),
    period,
  );
  const byCurrency = new Map<string, { reps: Set<string>; credited: string[]; total: string[] }>();
  const members = team.map((user) => {
    const mine = summaries.get(user.id) ?? [];
    for (const statement of mine) {
      const sums = byCurrency.get(statement.currency) ?? { reps: new Set<string>(), credited: [], total: [] };
      sums.reps.add(user.id);
      sums.credited.push(statement.credited);
      sums.total.push(statement.total);
      byCurrency.set(statement.currency, sums);
    }
    return { repId: user.id, name: user.name, managerId: user.managerId, statements: mine };
  });
  const totals = [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sums]) => ({
      currency,
      reps: sums.reps.size,
      credited: sumMoneyText(sums.credited, currency),
      total: sumMoneyText(sums.total, currency),
    }));
  return { managerId, period, members, totals };
}
