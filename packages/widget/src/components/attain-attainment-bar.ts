/**
 * Attainment against quota as a bar, with the tier bounds marked. Positions are computed by CSS from
 * the decimal text itself (`calc(value / max * 100%)`), so no amount is turned into a JS number.
 */
import { css, html, LitElement } from 'lit';
import { defineElement } from '../define.js';
import { sharedStyles } from '../styles/shared.js';

export interface BarMark {
  /** Position, in the bar's unit (a fraction of quota, or an amount). */
  at: string;
  label: string;
}

export class AttainAttainmentBar extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: __ATTAIN_SHADOW_MODE__ };
  static override properties = {
    value: {},
    max: {},
    marks: { attribute: false },
    label: {},
    valueText: { attribute: 'value-text' },
  };
  static override styles = [
    sharedStyles,
    css`
      .track {
        position: relative;
        height: 0.75rem;
        margin: 1.75rem 0 0.25rem;
        background: var(--a-surface-alt);
        border: 1px solid var(--a-border);
        border-radius: 0.5rem;
      }
      .fill {
        height: 100%;
        width: calc(min(var(--v), var(--max)) / var(--max) * 100%);
        background: var(--a-accent);
        border-radius: 0.5rem;
      }
      .mark {
        position: absolute;
        top: -0.375rem;
        bottom: -0.375rem;
        left: calc(var(--at) / var(--max) * 100%);
        border-left: 2px solid var(--a-text);
      }
      .mark span {
        position: absolute;
        bottom: 100%;
        transform: translateX(-50%);
        font-size: var(--a-size-small);
        color: var(--a-label);
        white-space: nowrap;
      }
    `,
  ];

  declare value: string;
  declare max: string;
  declare marks: BarMark[];
  declare label: string;
  declare valueText: string;

  constructor() {
    super();
    this.value = '0';
    this.max = '1';
    this.marks = [];
    this.label = 'Attainment';
    this.valueText = '';
  }

  override render() {
    return html`<div
      class="track"
      role="meter"
      aria-label=${this.label}
      aria-valuemin="0"
      aria-valuemax=${this.max}
      aria-valuenow=${this.value}
      aria-valuetext=${this.valueText}
      style="--v:${this.value};--max:${this.max}"
    >
      <div class="fill"></div>
      ${this.marks.map(
        (mark) => html`<div class="mark" style="--at:${mark.at}" aria-hidden="true"><span>${mark.label}</span></div>`,
      )}
    </div>`;
  }
}

defineElement('attain-attainment-bar', AttainAttainmentBar);

declare global {
  interface HTMLElementTagNameMap {
    'attain-attainment-bar': AttainAttainmentBar;
  }
}
