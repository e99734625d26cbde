/**
 * The seeded stacks the browser tests run against, one per org date, so no test depends on the day it
 * runs and the date-sensitive ones also see a year change: `main` mid-year, `newYear` early in January
 * (the seeded years, the current quarter and the latest period with statements all move). Shared by
 * the Node side (global-setup.ts, the proxy in vitest.config.ts) and the browser side (mount.ts).
 */
export const STACK_TODAYS = { main: '2026-05-14', newYear: '2026-01-06' } as const;
export type StackName = keyof typeof STACK_TODAYS;
export const STACK_NAMES = Object.keys(STACK_TODAYS) as StackName[];

/** Path prefix the browser uses for a stack's API; the Vitest server proxies it. */
export function apiProxyPath(stack: StackName): string {
  return stack === 'main' ? '/attain-api' : `/attain-api-${stack.toLowerCase()}`;
}

/** Environment variable through which the global setup tells the proxy where a stack's API listens. */
export function apiTargetEnv(stack: StackName): string {
  return `ATTAIN_WIDGET_TEST_API_${stack.toUpperCase()}`;
}

/** The quarter (`2026-Q2`) that contains a day (YYYY-MM-DD). */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}
