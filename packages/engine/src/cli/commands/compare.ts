import type { Issue, Plan } from '../../index.js';
import { compare, validatePlan } from '../../index.js';
import { IssueList } from '../../plan/issues.js';
import { checkPlanVersions } from '../../plan/validate-v2.js';
import { badInputError, underRoot } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { parseSideDocument, readInput } from '../documents.js';
import type { CommandOptions } from '../options.js';
import { printDocument } from '../output.js';
import { readSource } from '../read-source.js';

/**
 * `attain compare`: a new version of one plan (`--plan FILE`, a Plan object whose `id` names a plan of
 * the input) against the current one over the same deals. Problems in the plan are reported under `plan.`.
 */
export async function runCompare(options: CommandOptions, io: CliIo): Promise<number> {
  const inputResult = await readInput(options.input, io);
  const parsed = parseSideDocument('plan', await readSource('--plan', options.plan, io));

  const issues: Issue[] = inputResult.ok ? [] : [...inputResult.issues];
  let plan: Plan | undefined;
  if (!parsed.ok) {
    issues.push(parsed.issue);
  } else {
    const checked = validatePlan(parsed.value);
    if (checked.ok) plan = checked.value;
    else issues.push(...underRoot('plan', checked.issues));
  }
  if (inputResult.ok && plan !== undefined && !inputResult.value.plans.some(({ id }) => id === plan.id)) {
    const known = inputResult.value.plans.map(({ id }) => JSON.stringify(id)).join(', ');
    issues.push({
      code: 'unknown_plan',
      path: ['plan', 'id'],
      message: `${JSON.stringify(plan.id)} is not a plan of the input document (its plans: ${known || 'none'})`,
    });
  }
  if (inputResult.ok && plan !== undefined) issues.push(...versionIssues(inputResult.value.plans, plan));
  if (issues.length > 0 || !inputResult.ok || plan === undefined) throw badInputError(issues);

  const result = compare(inputResult.value, plan);
  await printDocument(io, options.format, result, (out, table, style) =>
    table.writeComparisonTable(out, result, style),
  );
  return 0;
}

/**
 * v2 §2 for the new plan as a version of the input's plan: a `from` on a period's first day, the same
 * currency and period as the other versions. Paths are under `plan.`.
 */
function versionIssues(plans: readonly Plan[], plan: Plan): Issue[] {
  const list = new IssueList();
  const others = plans.filter((other) => other.id === plan.id && other.from !== plan.from);
  const entries = [...others, plan].map((entry, index) => ({ plan: entry, index }));
  checkPlanVersions(list, entries);
  const mine = others.length;
  return list.issues
    .filter((issue) => issue.path[1] === mine)
    .map((issue) => ({
      ...issue,
      path: ['plan', ...issue.path.slice(2)],
      message: issue.message.replace(/plans\[\d+\]/g, 'the input'),
    }));
}
