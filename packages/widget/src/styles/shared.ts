/**
 * The few SLDS blueprints the widget draws (card, button, form element, table, badge, alert,
 * spinner, progress bar), rewritten small against the hooks in tokens.ts. Class names follow SLDS
 * so the markup reads like a Lightning component's.
 */
import { css } from 'lit';
import { tokens } from './tokens.js';

const base = css`
  :host {
    display: block;
    font-family: var(--a-font);
    font-size: var(--a-size);
    line-height: 1.5;
    color: var(--a-text);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: var(--a-size-heading);
    font-weight: 700;
    line-height: 1.25;
  }
  h3 {
    font-size: var(--a-size);
    font-weight: 700;
  }
  .card {
    background: var(--a-surface);
    border: 1px solid var(--a-border);
    border-radius: var(--a-radius);
    box-shadow: var(--a-shadow);
    padding: var(--a-s3) var(--a-s4) var(--a-s4);
  }
  .card + .card,
  .section + .section {
    margin-top: var(--a-s4);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--a-s2) var(--a-s4);
    margin-bottom: var(--a-s3);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--a-s2) var(--a-s3);
  }
  .weak {
    color: var(--a-text-weak);
    font-size: var(--a-size-small);
  }
  .assistive {
    position: absolute !important;
    margin: -1px !important;
    border: 0 !important;
    padding: 0 !important;
    width: 1px !important;
    height: 1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: var(--a-s3);
    margin: 0;
  }
  .tile {
    border: 1px solid var(--a-border);
    border-radius: var(--a-radius);
    padding: var(--a-s2) var(--a-s3);
    margin: 0;
  }
  .tile dt {
    color: var(--a-label);
    font-size: var(--a-size-small);
  }
  .tile dd {
    margin: 0;
    font-size: var(--a-size-figure);
    font-weight: 300;
    line-height: 1.25;
    font-variant-numeric: tabular-nums;
  }
  .tile dd.small {
    font-size: var(--a-size-heading);
  }
`;

const controls = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--a-s1);
    min-height: 2rem;
    padding: 0 var(--a-s4);
    border: 1px solid var(--a-border);
    border-radius: var(--a-radius);
    background: var(--a-surface);
    color: var(--a-accent);
    font: inherit;
    line-height: 1.875rem;
    white-space: nowrap;
    cursor: pointer;
  }
  .button:hover {
    background: var(--a-surface-alt);
    color: var(--a-accent-strong);
  }
  .button.brand {
    background: var(--a-accent);
    border-color: var(--a-accent);
    color: var(--a-on-accent);
  }
  .button.brand:hover {
    background: var(--a-accent-strong);
    border-color: var(--a-accent-strong);
  }
  .button.link {
    border-color: transparent;
    background: transparent;
    padding: 0 var(--a-s1);
    min-height: 1.5rem;
    line-height: 1.5rem;
    color: var(--a-link);
  }
  .button:disabled {
    background: var(--a-surface);
    border-color: var(--a-border);
    color: var(--a-border-input);
    cursor: default;
  }
  .button:focus-visible,
  .input:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible {
    outline: none;
    box-shadow: var(--a-focus);
  }
  .field {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .field > label,
  .field > .label,
  legend {
    color: var(--a-label);
    font-size: var(--a-size-small);
    padding-top: var(--a-s1);
    margin-bottom: 0.125rem;
  }
  .input {
    min-height: 2rem;
    padding: 0 var(--a-s3);
    border: 1px solid var(--a-border-input);
    border-radius: var(--a-radius);
    background: var(--a-surface);
    color: var(--a-text);
    font: inherit;
    line-height: 1.875rem;
    width: 100%;
  }
  textarea.input {
    line-height: 1.5;
    padding: var(--a-s2) var(--a-s3);
    min-height: 4rem;
  }
  .input:focus {
    border-color: var(--a-accent);
  }
  .input[aria-invalid='true'] {
    border-color: var(--a-error);
    box-shadow: inset 0 0 0 1px var(--a-error);
  }
  .help {
    font-size: var(--a-size-small);
    margin-top: 0.125rem;
  }
  .help.error {
    color: var(--a-error);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    min-width: 0;
  }
`;

const data = css`
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--a-border);
    border-radius: var(--a-radius);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
  }
  th,
  td {
    padding: var(--a-s1) var(--a-s2);
    text-align: start;
    vertical-align: top;
    border-top: 1px solid var(--a-border);
  }
  thead th {
    background: var(--a-surface-alt);
    color: var(--a-label);
    font-size: var(--a-size-small);
    font-weight: 700;
    border-top: 0;
    white-space: nowrap;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  /*
   * Tables marked .stack become one block per row on narrow screens (a phone, a narrow Lightning column).
   * Their rows and cells carry explicit roles: Chromium drops table semantics of rows shown as blocks.
   */
  @media (max-width: 40rem) {
    table.stack thead {
      display: none;
    }
    table.stack tr,
    table.stack td,
    table.stack th {
      display: block;
      width: auto !important;
      text-align: start;
    }
    table.stack td {
      border-top: 0;
    }
    table.stack td[data-label]::before {
      content: attr(data-label) ': ';
      color: var(--a-label);
    }
    table.stack tr {
      border-top: 1px solid var(--a-border);
    }
  }
  .badge {
    display: inline-flex;
    align-items: center;
    padding: 0.125rem var(--a-s2);
    border-radius: 15rem;
    background: var(--a-surface-alt);
    font-size: var(--a-size-small);
    font-weight: 700;
    white-space: nowrap;
  }
  .badge.success {
    background: var(--a-success);
    color: #ffffff;
  }
  .badge.error {
    background: var(--a-error);
    color: #ffffff;
  }
  .badge.warning {
    background: var(--a-warning);
    color: var(--a-text);
  }
  .alert {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--a-s2) var(--a-s3);
    padding: var(--a-s2) var(--a-s3);
    border-radius: var(--a-radius);
    border-left: 4px solid var(--a-accent);
    background: var(--a-accent-light);
  }
  .alert.error {
    border-color: var(--a-error);
    background: var(--a-error-light);
  }
  .alert.warning {
    border-color: var(--a-warning);
    background: #fef1e6;
  }
  .alert.success {
    border-color: var(--a-success);
    background: #ebf7e6;
  }
  .alert > p {
    flex: 1 1 16rem;
  }
  .empty {
    padding: var(--a-s4);
    text-align: center;
    color: var(--a-text-weak);
  }
  .spinner {
    display: inline-block;
    width: 1.25rem;
    height: 1.25rem;
    border: 2px solid var(--a-accent-light);
    border-top-color: var(--a-accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
    vertical-align: middle;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  .progress {
    height: 0.5rem;
    background: var(--a-surface-alt);
    border-radius: 0.5rem;
    overflow: hidden;
  }
  .progress > span {
    display: block;
    height: 100%;
    background: var(--a-accent);
  }
`;

export const sharedStyles = [tokens, base, controls, data];
