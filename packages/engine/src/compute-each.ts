import { forEachStatement } from './compute.js';
import { keysScope } from './credit/scope.js';
import type { EngineInput, Statement, StatementKey, Warning } from './types.js';

/**
 * Streaming form of `compute` (or of `computeFor` when `keys` is given): hands each statement to
 * `onStatement` in output order as soon as it is built and keeps none, so a caller can write
 * `{"statements":[…],"warnings":[…]}` out piece by piece with little memory. Returns the warnings.
 */
export function computeEach(
  input: EngineInput,
  onStatement: (statement: Statement) => void,
  keys?: readonly StatementKey[],
): Warning[] {
  return forEachStatement(input, keys === undefined ? undefined : keysScope(keys), onStatement);
}
