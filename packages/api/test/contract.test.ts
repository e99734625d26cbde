/**
 * One contract: the widget's wire types are the types of this package's zod schemas (contract.ts),
 * so a schema that stops giving what a component reads fails the widget's type-check
 * (`tsc --noEmit -p packages/widget`, part of `npm test`). This test makes such a drift on purpose —
 * the statement line's `lineKey` renamed in the schema, in memory only — and checks that the
 * widget's type-check then fails where the earnings view reads the key, and passes without it.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WIDGET = join(ROOT, 'packages/widget');
const SCHEMA = join(ROOT, 'packages/api/src/schemas/rep.ts');
const READER = join(WIDGET, 'src/components/attain-earnings.ts');

/** The widget's compiler options and its sources (its tests left out: they are not the widget). */
function widgetProject(): { options: ts.CompilerOptions; sources: string[] } {
  const file = join(WIDGET, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(file), undefined, file);
  // The browser test runner's ambient types are for the widget's tests; leaving them out saves seconds.
  const options = { ...parsed.options, types: ['node'] };
  return { options, sources: parsed.fileNames.filter((name) => name.startsWith(`${WIDGET}/src/`)) };
}

/** The type errors of the widget file that reads statement lines, with the schema file's text passed through `edit`. */
function widgetErrors(
  { options, sources }: ReturnType<typeof widgetProject>,
  edit: (text: string) => string,
  oldProgram?: ts.Program,
) {
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => {
    const text = readFile(name);
    return text !== undefined && ts.sys.resolvePath(name) === SCHEMA ? edit(text) : text;
  };
  const program = ts.createProgram({ rootNames: sources, options, host, ...(oldProgram ? { oldProgram } : {}) });
  // Only the file that reads the line is checked (and what it uses, as far as it uses it): the whole
  // widget is checked by `typecheck`; checking it twice here would only cost time.
  const widgetFiles = program.getSourceFiles().filter((file) => file.fileName === READER);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...widgetFiles.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]),
  ];
  const errors = diagnostics
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
    .map((diagnostic) => ({
      file: diagnostic.file ? diagnostic.file.fileName.slice(ROOT.length) : '',
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    }));
  return { program, errors };
}

describe('the widget reads the API through its schemas', () => {
  it('fails to type-check when the schema of a field the widget reads drifts', { timeout: 180_000 }, () => {
    const project = widgetProject();
    expect(project.sources).toContain(READER);
    const same = widgetErrors(project, (text) => text);
    expect(same.errors).toEqual([]);

    const renamed = (text: string) => {
      const drifted = text.replace('lineSchema.extend({\n    lineKey:', 'lineSchema.extend({\n    lineId:');
      expect(drifted).not.toBe(text);
      return drifted;
    };
    const drifted = widgetErrors(project, renamed, same.program);
    expect(drifted.errors).toContainEqual({
      file: 'packages/widget/src/components/attain-earnings.ts',
      message: expect.stringContaining("Property 'lineKey' does not exist"),
    });
  });
});
