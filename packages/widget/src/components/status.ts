/**
 * Loading, empty and error states, the same in every component: each says what is happening or
 * what the person can do about it, and is announced to screen readers (status / alert roles).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Formatter } from '../format.js';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

export const LOADING = { state: 'loading' } as const;

export function loading(what: string): TemplateResult {
  return html`<div class="empty" role="status"><span class="spinner" aria-hidden="true"></span> ${what}</div>`;
}

export function failure(message: string, retry?: () => void): TemplateResult {
  return html`<div class="alert error" role="alert">
    <p>${message}</p>
    ${retry ? html`<button type="button" class="button" @click=${retry}>Try again</button>` : nothing}
  </div>`;
}

export function empty(message: string | TemplateResult): TemplateResult {
  return html`<p class="empty">${message}</p>`;
}

/** "Data as of 3:42 PM": on every figure the API computed, so nobody trusts a stale number by mistake. */
export function asOf(format: Formatter, iso: string | null | undefined): TemplateResult | typeof nothing {
  if (!iso) return nothing;
  return html`<span class="weak as-of"
    >Data as of <time datetime=${iso} title=${format.relative(iso)}>${format.dateTime(iso)}</time></span
  >`;
}
