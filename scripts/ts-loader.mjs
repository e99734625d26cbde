// Runs TypeScript sources in plain Node.js 20, for the child processes the end-to-end suites start
// (`attain worker` from sources, like every other test runs them):
//   node --conditions=@attain/source --import ./scripts/ts-loader.mjs scripts/attain.mjs worker
// `--conditions=@attain/source` makes `@attain/*` imports resolve to `src/*.ts`; the hooks below
// map a relative `./x.js` to `./x.ts` and strip types with the TypeScript compiler the workspace
// already has (transpileModule: per file, no type-check: `tsc -b` does that).
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
