/**
 * Browser-side helpers: mount an element the way the Lightning host does (create, set `apiUrl` and
 * `token`, append) against the seeded API, and wait for what a person would wait for.
 */
import { inject } from 'vitest';
import type { ApiFixture } from './global-setup.js';
import type { StackName } from './stacks.js';

export type Persona = keyof ApiFixture['tokens'];

/** A seeded stack's API (see stacks.ts), or a failure that says why it is not there. */
export function api(stack: StackName = 'main'): ApiFixture {
  const fixture = inject('apis')[stack];
  if (!fixture) throw new Error(`the seeded Attain API (${stack}) did not start: ${inject('apiErrors')[stack]}`);
  return fixture;
}

export function apiUrl(stack: StackName = 'main'): string {
  return `${location.origin}${api(stack).apiPath}`;
}

/** Mounts a component against a stack; <attain-earnings> is told the stack's today, as the emulator's host does. */
export async function mount<K extends 'attain-earnings' | 'attain-sync-console' | 'attain-field-mapper'>(
  tag: K,
  persona: Persona,
  properties: Record<string, unknown> = {},
  stack: StackName = 'main',
): Promise<HTMLElementTagNameMap[K]> {
  const fixture = api(stack);
  const element = document.createElement(tag);
  if (tag === 'attain-earnings') Object.assign(element, { today: fixture.today });
  Object.assign(element, properties);
  element.apiUrl = apiUrl(stack);
  element.token = fixture.tokens[persona];
  document.body.append(element);
  return element;
}

/** The element's shadow root: open in the test build (see README, "Testing closed shadow roots"). */
export function root(element: HTMLElement): ShadowRoot {
  if (!element.shadowRoot)
    throw new Error('no open shadow root: is the test build defining __ATTAIN_SHADOW_MODE__ as open?');
  return element.shadowRoot;
}

export function cleanup(): void {
  for (const element of [...document.body.children]) if (element.tagName.startsWith('ATTAIN-')) element.remove();
}

/** A direct API call from the test, as a persona (to check what the component showed against the API). */
export async function call<T>(
  persona: Persona,
  method: string,
  path: string,
  body?: unknown,
  stack: StackName = 'main',
): Promise<T> {
  const response = await fetch(`${apiUrl(stack)}${path}`, {
    method,
    headers: { authorization: `Bearer ${api(stack).tokens[persona]}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The element that has focus, through every open shadow root. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
