import type { Deal, Issue, Plan, ValidationResult } from '../types.js';
import { IssueCode, IssueList } from './issues.js';
import { isJsonObject } from './reader.js';
import { validateDeal } from './validate-deals.js';
import { validateInput } from './validate-input.js';
import { validatePlanAt } from './validate-plan.js';

/** Validates an already-parsed input document; every issue at once, each with a code and a JSON path. */
export function validate(doc: unknown): ValidationResult {
  return validateInput(doc);
}

/** Parses and validates input JSON text. Text that is not JSON is one issue, `invalid_json`, at the root. */
export function parseInput(jsonText: string): ValidationResult {
  let doc: unknown;
  try {
    doc = JSON.parse(jsonText);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [{ code: IssueCode.invalidJson, path: [], message: `not valid JSON: ${reason}` }] };
  }
  return validateInput(doc);
}

/** Validates a standalone Plan document (paths start at the plan: `components[0].rate`). */
export function validatePlan(doc: unknown): { ok: true; value: Plan } | { ok: false; issues: Issue[] } {
  const issues = new IssueList();
  const plan = validatePlanAt(issues, doc, []);
  if (plan === undefined || !issues.empty) return { ok: false, issues: issues.issues };
  return { ok: true, value: plan };
}

/**
 * A what-if deal: fills id 'what-if', ownerId = repId and won = true when absent, and currency with
 * the corporate currency; then validates it like a deal (paths start at the deal: `amount`).
 */
export function validateWhatIfDeal(
  doc: unknown,
  repId: string,
  corporateCurrency: string,
): { ok: true; value: Deal } | { ok: false; issues: Issue[] } {
  const issues = new IssueList();
  const filled = isJsonObject(doc)
    ? { id: 'what-if', ownerId: repId, won: true, currency: corporateCurrency, ...doc }
    : doc;
  const deal = validateDeal(issues, filled, undefined);
  if (deal === undefined || !issues.empty) return { ok: false, issues: issues.issues };
  return { ok: true, value: deal };
}
