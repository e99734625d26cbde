/**
 * The production bundle as Lightning loads it: evaluated as a classic script (what `loadScript`
 * does), not imported. This file imports no component source, so the elements it sees are the
 * bundle's own, with closed shadow roots.
 */
import { describe, expect, inject, it } from 'vitest';

const TAGS = ['attain-earnings', 'attain-sync-console', 'attain-field-mapper'] as const;

function evaluateClassic(code: string): void {
  const script = document.createElement('script');
  script.textContent = code;
  document.head.append(script);
  script.remove();
}

describe('the built bundle', () => {
  it('registers every element as a classic script, declaring no global', () => {
    const before = new Set(Object.getOwnPropertyNames(window));
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    evaluateClassic(inject('bundle'));
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    for (const tag of TAGS) expect(customElements.get(tag), tag).toBeTypeOf('function');
    const added = Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
    // Lit's own registries on globalThis, by design (shared by every copy of Lit on a page).
    const lit = ['litPropertyMetadata', 'litElementVersions', 'reactiveElementVersions', 'litHtmlVersions'];
    expect(added.filter((name) => !lit.includes(name))).toEqual([]);
  });

  it('can be evaluated a second time (two wrappers on one page) without an error or a redefinition', () => {
    const first = customElements.get('attain-earnings');
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    evaluateClassic(inject('bundle'));
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    expect(customElements.get('attain-earnings')).toBe(first);
  });

  it('renders into closed shadow roots: nothing reachable from outside', async () => {
    for (const tag of TAGS) {
      const element = document.createElement(tag) as HTMLElement & { apiUrl?: string; token?: string };
      document.body.append(element);
      await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(element.shadowRoot, tag).toBeNull();
      // The closed root renders: the element takes up space though none of its content is reachable.
      expect(element.getBoundingClientRect().height, tag).toBeGreaterThan(0);
      element.remove();
    }
  });
});
