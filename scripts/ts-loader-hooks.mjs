// Module hooks behind ts-loader.mjs (they run on Node's loader thread). Transpiled files are cached
// by content hash under node_modules/.cache: a worker process started again skips the compiler.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE = fileURLToPath(new URL('../node_modules/.cache/attain-ts-loader/', import.meta.url));
let compiler;

async function transpile(source, url) {
  compiler ??= (await import('typescript')).default;
  const ts = compiler;
  return ts.transpileModule(source, {
    fileName: url,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  }).outputText;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    // Sources import each other as `./x.js` (what the build emits); on sources that file is `./x.ts`.
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const cached = join(CACHE, `${createHash('sha256').update(url).update('\0').update(source).digest('hex')}.js`);
  let output = await readFile(cached, 'utf8').catch(() => undefined);
  if (output === undefined) {
    output = await transpile(source, url);
    await mkdir(CACHE, { recursive: true });
    // Write then rename: two processes starting at once never read half a file.
    const temporary = `${cached}.${process.pid}.tmp`;
    await writeFile(temporary, output);
    await rename(temporary, cached);
  }
  return { format: 'module', source: output, shortCircuit: true };
}
