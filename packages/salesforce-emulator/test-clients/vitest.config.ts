import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `pnpm test:clients`: real Salesforce clients against the emulator. Kept out of the root
// `vitest run` (the root config only picks up packages/*/vitest.config.ts): the first run installs
// the CLI, and every `sf` command starts a large Node program.
const setupFile = fileURLToPath(new URL('../../../scripts/vitest-setup.ts', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['@attain/source'] },
  ssr: { resolve: { conditions: ['@attain/source'] } },
  test: {
    name: 'salesforce-clients',
    include: ['**/*.test.ts'],
    setupFiles: [setupFile],
    testTimeout: 240_000,
    hookTimeout: 15 * 60_000,
    // One CLI session (a login, then commands on it): the tests share the org and run in order.
    fileParallelism: false,
  },
});
