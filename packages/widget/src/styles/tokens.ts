/**
 * SLDS global styling hooks, each with the SLDS 2 default as its fallback. Custom properties inherit
 * through shadow roots, so an org's theme (which sets the `--slds-g-*` hooks on the page) reaches the
 * widget; outside Lightning the fallbacks give the same look. Only the hooks the widget uses are
 * here: shipping the SLDS stylesheet itself would blow the 30 KB budget many times over.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --a-font: var(
      --slds-g-font-family,
      system-ui, -apple-system, BlinkMacSystemFont, Segoe UI, Roboto, 'Helvetica Neue', Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol'
    );
    --a-size: var(--slds-g-font-scale-base, 0.8125rem);
    --a-size-small: var(--slds-g-font-scale-neg-1, 0.75rem);
    --a-size-heading: var(--slds-g-font-scale-2, 1rem);
    --a-size-figure: var(--slds-g-font-scale-5, 1.5rem);
    --a-text: var(--slds-g-color-on-surface-3, #181818);
    --a-text-weak: var(--slds-g-color-on-surface-1, #757575);
    --a-label: var(--slds-g-color-neutral-base-30, #444444);
    --a-surface: var(--slds-g-color-surface-container-1, #ffffff);
    --a-surface-alt: var(--slds-g-color-surface-container-2, #f3f3f3);
    --a-border: var(--slds-g-color-border-1, #c9c9c9);
    --a-border-input: var(--slds-g-color-border-base-4, #747474);
    --a-accent: var(--slds-g-color-accent-container-1, #0176d3);
    --a-accent-strong: var(--slds-g-color-accent-container-2, #014486);
    --a-accent-light: var(--slds-g-color-accent-light-1, #eef4ff);
    --a-on-accent: var(--slds-g-color-on-accent-1, #ffffff);
    --a-link: var(--slds-g-link-color, #0b5cab);
    --a-success: var(--slds-g-color-success-1, #2e844a);
    --a-warning: var(--slds-g-color-warning-container-1, #fe9339);
    --a-error: var(--slds-g-color-error-1, #ba0517);
    --a-error-light: var(--slds-g-color-error-base-95, #fef1ee);
    --a-focus: var(--slds-g-shadow-outline-focus-1, 0 0 0 2px #0b5cab);
    --a-radius: var(--slds-g-radius-border-2, 0.25rem);
    --a-shadow: var(--slds-g-shadow-1, 0px 2px 2px 0px #0000001a);
    --a-s1: var(--slds-g-spacing-1, 0.25rem);
    --a-s2: var(--slds-g-spacing-2, 0.5rem);
    --a-s3: var(--slds-g-spacing-3, 0.75rem);
    --a-s4: var(--slds-g-spacing-4, 1rem);
    --a-s5: var(--slds-g-spacing-5, 1.5rem);
  }
`;
