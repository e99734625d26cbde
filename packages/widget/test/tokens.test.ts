/**
 * The styling hooks the widget uses are SLDS's own: every `var(--slds-g-…, fallback)` in tokens.ts
 * names a global hook that SLDS 2 defines, and its fallback is the value SLDS gives it, so the
 * widget looks the same inside Lightning (the page sets the hooks) and outside (the fallbacks).
 */
import slds from '@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.css?raw';
import { describe, expect, it } from 'vitest';
import { tokens } from '../src/styles/tokens.js';

/** SLDS's literal values of each global hook (a hook defined several times keeps every value). */
function sldsValues(): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const match of slds.matchAll(/(--slds-g-[a-z0-9-]+)\s*:\s*([^;}]+)/g)) {
    const value = match[2]!.trim().toLowerCase();
    if (value.startsWith('var(')) continue;
    values.set(match[1]!, (values.get(match[1]!) ?? new Set()).add(value));
  }
  return values;
}

/** `--slds-g-color-neutral-base-100` → `#ffffff`, following var() chains inside SLDS. */
function resolve(hook: string, values: Map<string, Set<string>>, depth = 0): Set<string> {
  const literal = values.get(hook) ?? new Set<string>();
  if (depth > 5) return literal;
  const out = new Set(literal);
  for (const match of slds.matchAll(new RegExp(`${hook}\\s*:\\s*var\\((--slds-[a-z0-9-]+)`, 'g'))) {
    for (const value of resolve(match[1]!, values, depth + 1)) out.add(value);
  }
  return out;
}

const short = (hex: string) => hex.replace(/^#([0-9a-f])\1([0-9a-f])\2([0-9a-f])\3$/, '#$1$2$3');

describe('SLDS styling hooks', () => {
  const values = sldsValues();
  const used = [...tokens.cssText.matchAll(/var\(\s*(--slds-g-[a-z0-9-]+),\s*([^;]+?)\s*\);/g)];

  it('uses hooks SLDS defines', () => {
    expect(used.length).toBeGreaterThan(20);
    for (const [, hook] of used) expect(slds.includes(`${hook}:`), hook).toBe(true);
  });

  it("falls back to SLDS's own value of each hook", () => {
    const wrong: string[] = [];
    for (const [, hook, fallback] of used) {
      const known = [...resolve(hook!, values)].map((value) => short(value.replace(/\s+/g, ' ')));
      // A hook SLDS leaves to the theme has no literal value to match.
      if (known.length > 0 && !known.includes(short(fallback!.trim().toLowerCase().replace(/\s+/g, ' ')))) {
        wrong.push(`${hook}: ${fallback} (SLDS: ${known.join(' | ')})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
