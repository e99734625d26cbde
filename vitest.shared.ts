import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const setupFile = fileURLToPath(new URL('./scripts/vitest-setup.ts', import.meta.url));

/**
 * Shared test settings for every workspace package.
 * - `@attain/source` makes cross-package imports resolve to TypeScript sources, so tests never
 *   run against a stale `dist/`.
 * - The setup file clears proxy variables: jsforce sends even loopback traffic through them.
 */
export function packageConfig(name: string, overrides: { testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { conditions: ['@attain/source'] },
    ssr: { resolve: { conditions: ['@attain/source'] } },
    test: {
      name,
      include: ['test/**/*.test.ts', 'src/**/*.test.ts', '*.test.ts'],
      setupFiles: [setupFile],
      testTimeout: overrides.testTimeout ?? 20_000,
    },
  });
}
