import { forEachStatement, statementsInOrder } from './compute.js';
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

/**
 * {@link computeEach} as a generator: yields each statement in output order and returns the warnings
 * when done, so an asynchronous caller can wait (for a slow reader of its output) between statements.
 */
export function computeStatements(
  input: EngineInput,
  keys?: readonly StatementKey[],
): Generator<Statement, Warning[], undefined> {
  return statementsInOrder(input, keys === undefined ? undefined : keysScope(keys));
}
