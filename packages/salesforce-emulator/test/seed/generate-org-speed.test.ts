import { expect, it } from 'vitest';
import { generateOrg } from '../../src/seed/generate-org.js';

/**
 * CPU time (all threads, so garbage collection counts) rather than wall time: the whole repository's
 * suite runs in parallel on two cores, where wall time mostly measures the neighbours. A wall-clock
 * bound still catches pathological slowness.
 */
it('generates a 100,000-opportunity org in under 5 seconds of CPU', () => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const data = generateOrg({ seed: 1, opportunities: 100_000, today: new Date('2026-03-01T12:00:00.000Z') });
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  expect(data.objects.Opportunity).toHaveLength(100_000);
  expect(data.objects.User).toHaveLength(2503);
  expect((used.user + used.system) / 1000).toBeLessThan(5000);
  expect(wall).toBeLessThan(30_000);
});
