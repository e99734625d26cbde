import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineInput, Issue } from '../src/index.js';
import { compare, compute, estimate, formatIssue, parseInput, validatePlan, validateWhatIfDeal } from '../src/index.js';
import {
  assertCliBuilt,
  attain,
  largeInput,
  PLAN,
  REPO_ROOT,
  STACK_FRAME,
  smallInput,
  stderrLines,
} from './cli-fixtures.js';

let dir: string;
let inputFile: string;
let inputText: string;
let input: EngineInput;

function writeDoc(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return path;
}

function parsed(text: string): EngineInput {
  const result = parseInput(text);
  if (!result.ok) throw new Error(`fixture is invalid: ${result.issues.map(formatIssue).join('; ')}`);
  return result.value;
}

/** The issues of a result that must be a refusal. */
function issuesOf(result: { ok: true } | { ok: false; issues: Issue[] }): Issue[] {
  if (result.ok) throw new Error('expected the engine to refuse this document');
  expect(result.issues.length).toBeGreaterThan(0);
  return result.issues;
}

/** The refusal contract (spec §5): exit 2, nothing on stdout, no stack trace. */
function expectRefused(result: { code: number | null; stdout: string; stderr: string }) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_FRAME);
}

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'attain-cli-'));
  inputText = JSON.stringify(smallInput(), null, 2);
  inputFile = writeDoc('input.json', inputText);
  input = parsed(inputText);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('attain compute', () => {
  it('prints the output document of compute() and exits 0', async () => {
    const result = await attain(['compute', '--input', inputFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const expected = compute(input);
    expect(expected.statements.length).toBeGreaterThan(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
    // Compact, byte for byte what JSON.stringify gives, plus a final newline.
    expect(result.stdout).toBe(`${JSON.stringify(expected)}\n`);
  });

  it('reads the document from stdin with --input -', async () => {
    const result = await attain(['compute', '--input', '-', '--format', 'json'], { stdin: inputText });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(compute(input))}\n`);
  });

  it('prints an input without statements the way JSON.stringify does (empty list, warnings kept)', async () => {
    // Every deal goes to a rep without a plan (NO_PLAN warnings), and no quota makes a statement either.
    const base = smallInput();
    const deals = base.deals.map((deal) => ({ ...(deal as Record<string, unknown>), ownerId: 'nobody', splits: [] }));
    const doc = { ...base, quotas: [], deals };
    const result = await attain(['compute', '--input', writeDoc('no-statements.json', doc)]);
    expect(result.code).toBe(0);
    const expected = compute(parsed(JSON.stringify(doc)));
    expect(expected.statements).toEqual([]);
    expect(expected.warnings.length).toBeGreaterThan(0);
    expect(result.stdout).toBe(`${JSON.stringify(expected)}\n`);
  });

  it('streams a large output identically to JSON.stringify', async () => {
    const text = JSON.stringify(largeInput(6000));
    const path = writeDoc('large.json', text);
    const result = await attain(['compute', '--input', path]);
    expect(result.code).toBe(0);
    const expected = JSON.stringify(compute(parsed(text)));
    expect(expected.length).toBeGreaterThan(1 << 20);
    expect(result.stdout.length).toBe(expected.length + 1);
    expect(result.stdout).toBe(`${expected}\n`);
  });

  it('stops quietly when the reader of stdout goes away', async () => {
    const path = writeDoc('large-pipe.json', largeInput(6000));
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'attain.mjs'), 'compute', '--input', path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe('');
  });

  it('refuses bad JSON with one line and exit 2', async () => {
    const path = writeDoc('bad.json', '{"plans": [');
    const result = await attain(['compute', '--input', path]);
    expectRefused(result);
    const lines = stderrLines(result);
    expect(lines).toHaveLength(1);
    expect(lines).toEqual(issuesOf(parseInput('{"plans": [')).map(formatIssue));
  });

  it('names every bad field with its JSON path, one line each, and prints nothing on stdout', async () => {
    const doc = smallInput();
    const deals = doc.deals as Record<string, unknown>[];
    deals[0]!.amount = '12,000';
    deals[1]!.closeDate = '2026-02-30';
    deals[2]!.currency = 'XYZ';
    (doc.plans[0] as Record<string, unknown>).components = [
      {
        id: 'base',
        type: 'tiered',
        basis: 'attainment',
        mode: 'marginal',
        tiers: [{ upTo: '1', rate: '0.1' }, { upTo: '0.5', rate: '0.2' }, { rate: '0.3' }],
      },
    ];
    const text = JSON.stringify(doc);
    const path = writeDoc('bad-fields.json', text);
    const result = await attain(['compute', '--input', path]);
    expectRefused(result);

    const issues = issuesOf(parseInput(text));
    expect(issues.length).toBeGreaterThanOrEqual(4);
    expect(stderrLines(result)).toEqual(issues.map(formatIssue));
    const text2 = result.stderr;
    for (const path of ['deals[0].amount', 'deals[1].closeDate', 'deals[2].currency', 'plans[0].components[0].tiers']) {
      expect(text2).toContain(path);
    }
    expect(text2).toContain('"12,000"');
  });

  it('reports a missing file as a refusal', async () => {
    const missing = join(dir, 'nope.json');
    const result = await attain(['compute', '--input', missing]);
    expectRefused(result);
    expect(stderrLines(result)).toEqual([`--input: cannot read ${missing} (no such file)`]);
  });

  it('reports a directory given as the input', async () => {
    const result = await attain(['compute', '--input', dir]);
    expectRefused(result);
    expect(stderrLines(result)).toEqual([`--input: cannot read ${dir} (is a directory)`]);
  });

  it('refuses an unknown flag, a missing --input, a stray argument and an unknown format with a usage line', async () => {
    const cases: [string[], string][] = [
      [['compute', '--input', inputFile, '--bogus'], 'unknown flag --bogus'],
      [['compute'], 'missing --input'],
      [['compute', '--input'], '--input needs a value'],
      [['compute', '--input', inputFile, 'extra'], 'unexpected argument "extra"'],
      [['compute', '--input', inputFile, '--format', 'xml'], '--format must be one of json, table (got "xml")'],
      [['compute', '--input', inputFile, '--rep', '005A'], 'unknown flag --rep'],
    ];
    for (const [args, problem] of cases) {
      const result = await attain(args);
      expectRefused(result);
      const lines = stderrLines(result);
      expect(lines[0]).toBe(`attain compute: ${problem}`);
      expect(lines[1]).toMatch(/^usage: attain compute --input FILE/);
    }
  });

  it('prints its usage on stdout for --help', async () => {
    const result = await attain(['compute', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: attain compute --input FILE\|- \[--format json\|table\]/);
  });

  it('refuses an unknown command (the root dispatcher)', async () => {
    const result = await attain(['compoot', '--input', inputFile]);
    expectRefused(result);
    expect(result.stderr).toContain('unknown command: compoot');
  });
});

describe('attain validate', () => {
  it('exits 0 with a one-line summary on stderr', async () => {
    const result = await attain(['validate', '--input', inputFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(stderrLines(result)).toEqual([
      'valid: 1 plan, 2 assignments, 2 quotas, 5 deals, 1 exchange rate; corporate currency USD',
    ]);
  });

  it('lists every problem and exits 2', async () => {
    const path = writeDoc('bad-validate.json', {
      ...smallInput(),
      corporateCurrency: 'usd',
      quotas: [{ repId: '005A' }],
    });
    const result = await attain(['validate', '--input', path]);
    expectRefused(result);
    const issues = issuesOf(
      parseInput(JSON.stringify({ ...smallInput(), corporateCurrency: 'usd', quotas: [{ repId: '005A' }] })),
    );
    expect(stderrLines(result)).toEqual(issues.map(formatIssue));
    expect(result.stderr).toContain('corporateCurrency');
    expect(result.stderr).toContain('quotas[0]');
  });

  it('a plan filter 4,000 levels deep: filter_too_deep and exit 2, no stack overflow', async () => {
    let filter: unknown = { field: 'amount', op: 'gt', value: '0' };
    for (let i = 1; i < 4000; i++) filter = { not: filter };
    const plan = { id: 'deep', currency: 'USD', period: 'quarter', quotaFilter: filter };
    const document = { corporateCurrency: 'USD', assignments: [], quotas: [], deals: [] };
    const components = [{ id: 'p', type: 'percent', rate: '0.1' }];
    const path = writeDoc('deep-filter.json', { ...document, plans: [{ ...plan, components }] });
    const result = await attain(['validate', '--input', path]);
    expectRefused(result);
    const lines = stderrLines(result);
    expect(lines.length, lines.join('\n')).toBe(1);
    expect(lines[0]).toMatch(/^plans\[0\]\.quotaFilter(\.not){32}: filters nest at most 32 levels deep/);
  });

  it('answers in JSON on stdout with --format json', async () => {
    const good = await attain(['validate', '--input', inputFile, '--format', 'json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ ok: true });

    const text = '{"plans": "none", "deals": []}';
    const bad = await attain(['validate', '--input', '-', '--format', 'json'], { stdin: text });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('');
    expect(JSON.parse(bad.stdout)).toEqual({ ok: false, issues: issuesOf(parseInput(text)) });
  });
});

describe('attain estimate', () => {
  const deal = { amount: '25000', closeDate: '2026-03-25', fields: { productFamily: 'Services' } };

  it('prints the Estimate of estimate() for the deal', async () => {
    const result = await attain(['estimate', '--input', inputFile, '--rep', '005B', '--deal', JSON.stringify(deal)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const checked = validateWhatIfDeal(deal, '005B', 'USD');
    if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join('; '));
    const expected = estimate(input, '005B', checked.value);
    expect(expected.dealLines.length).toBeGreaterThan(0);
    expect(result.stdout).toBe(`${JSON.stringify(expected)}\n`);
  });

  it('reads the deal from a file with --deal @FILE', async () => {
    const path = writeDoc('deal.json', deal);
    const inline = await attain(['estimate', '--input', inputFile, '--rep', '005B', '--deal', JSON.stringify(deal)]);
    const fromFile = await attain(['estimate', '--input', inputFile, '--rep', '005B', '--deal', `@${path}`]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(inline.stdout);
  });

  it('refuses deal text that is not JSON, under deal', async () => {
    const result = await attain(['estimate', '--input', inputFile, '--rep', '005B', '--deal', '{amount: 5}']);
    expectRefused(result);
    const lines = stderrLines(result);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^deal: not valid JSON: /);
  });

  it('refuses a bad deal with paths under deal.', async () => {
    const bad = { amount: '25k', closeDate: '2026-13-01' };
    const result = await attain(['estimate', '--input', inputFile, '--rep', '005B', '--deal', JSON.stringify(bad)]);
    expectRefused(result);
    const expected = issuesOf(validateWhatIfDeal(bad, '005B', 'USD')).map((issue) =>
      formatIssue({ ...issue, path: ['deal', ...issue.path] }),
    );
    expect(stderrLines(result)).toEqual(expected);
    expect(result.stderr).toMatch(/^deal\.amount: /m);
    expect(result.stderr).toMatch(/^deal\.closeDate: /m);
  });

  it('reports problems of the input and of the deal together', async () => {
    const path = writeDoc('bad-for-estimate.json', { ...smallInput(), corporateCurrency: 'EURO' });
    const result = await attain([
      'estimate',
      '--input',
      path,
      '--rep',
      '005B',
      '--deal',
      '{"amount":"x","closeDate":"2026-01-05"}',
    ]);
    expectRefused(result);
    expect(result.stderr).toMatch(/^corporateCurrency: /m);
    expect(result.stderr).toMatch(/^deal\.amount: /m);
  });

  it('needs --rep and --deal', async () => {
    const result = await attain(['estimate', '--input', inputFile]);
    expectRefused(result);
    expect(stderrLines(result)[0]).toBe('attain estimate: missing --rep, --deal');
  });
});

describe('attain compare', () => {
  const newPlan = {
    ...PLAN,
    components: [{ id: 'flat', type: 'percent', rate: '0.1' }],
  };

  it('prints the Comparison of compare() for the new plan', async () => {
    const path = writeDoc('new-plan.json', newPlan);
    const result = await attain(['compare', '--input', inputFile, '--plan', path]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const checked = validatePlan(newPlan);
    if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join('; '));
    const expected = compare(input, checked.value);
    expect(expected.reps.length).toBeGreaterThan(0);
    expect(result.stdout).toBe(`${JSON.stringify(expected)}\n`);
  });

  it('reads the new plan from stdin with --plan -', async () => {
    const result = await attain(['compare', '--input', inputFile, '--plan', '-'], { stdin: JSON.stringify(newPlan) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).planId).toBe('ae-2026');
  });

  it('refuses a bad plan with paths under plan.', async () => {
    const bad = { ...PLAN, currency: 'DOLLARS', components: [{ id: 'flat', type: 'percent', rate: 'ten' }] };
    const path = writeDoc('bad-plan.json', bad);
    const result = await attain(['compare', '--input', inputFile, '--plan', path]);
    expectRefused(result);
    const expected = issuesOf(validatePlan(bad)).map((issue) =>
      formatIssue({ ...issue, path: ['plan', ...issue.path] }),
    );
    expect(stderrLines(result)).toEqual(expected);
    expect(result.stderr).toMatch(/^plan\.currency: /m);
    expect(result.stderr).toMatch(/^plan\.components\[0\]\.rate: /m);
  });

  it('refuses a plan that is not in the input, and plan text that is not JSON', async () => {
    const stranger = writeDoc('stranger-plan.json', { ...newPlan, id: 'sdr-2026' });
    const unknown = await attain(['compare', '--input', inputFile, '--plan', stranger]);
    expectRefused(unknown);
    expect(stderrLines(unknown)).toEqual([
      'plan.id: "sdr-2026" is not a plan of the input document (its plans: "ae-2026")',
    ]);

    const notJson = writeDoc('not-json-plan.json', 'id: ae-2026');
    const bad = await attain(['compare', '--input', inputFile, '--plan', notJson]);
    expectRefused(bad);
    expect(stderrLines(bad)[0]).toMatch(/^plan: not valid JSON: /);
  });

  it('refuses both --input and --plan on stdin', async () => {
    const result = await attain(['compare', '--input', '-', '--plan', '-']);
    expectRefused(result);
    expect(stderrLines(result)[0]).toBe('attain compare: stdin can be read only once (--input -, --plan -)');
  });
});
