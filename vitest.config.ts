import { defineConfig } from 'vitest/config';

// One root run over every package. Each package may add its own vitest.config.ts;
// the shared bits (source condition, environment hygiene) live in vitest.shared.ts.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'test/vitest.config.ts'],
  },
});
