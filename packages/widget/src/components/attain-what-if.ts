/**
 * The what-if box: a hypothetical deal (amount, close date, the plan's fields) and what it would add
 * to the rep's statement, line by line with the engine's explanations. The parent supplies
 * `estimator`, which calls the API; this element owns the form, its validation and the result.
 */
import { css, html, LitElement, nothing } from 'lit';
import { ApiError, describe } from '../api/errors.js';
import type { Estimate, WhatIfDeal } from '../api/types.js';
import { defineElement } from '../define.js';
import { type Formatter, parseAmount } from '../format.js';
import { sharedStyles } from '../styles/shared.js';

export interface WhatIfField {
  name: string;
  /** The values the plan's filters name (a boolean or number is sent as such, not as text). */
  values: (string | number | boolean)[];
}

type Outcome =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'done'; result: Estimate }
  | { state: 'error'; message: string };

/** The browser's local date (YYYY-MM-DD): the close date a deal gets when the host names no `today`. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export class AttainWhatIf extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: __ATTAIN_SHADOW_MODE__ };
  static override properties = {
    fields: { attribute: false },
    format: { attribute: false },
    estimator: { attribute: false },
    today: { attribute: false },
    outcome: { state: true },
    amountError: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
        gap: var(--a-s2) var(--a-s3);
        align-items: end;
      }
      .result {
        margin-top: var(--a-s3);
      }
      .result ul {
        margin: var(--a-s2) 0 0;
        padding-left: var(--a-s5);
      }
      .adds {
        font-size: var(--a-size-heading);
      }
    `,
  ];

  declare fields: WhatIfField[];
  declare format: Formatter;
  declare estimator: ((deal: WhatIfDeal) => Promise<Estimate>) | undefined;
  /** The default close date (YYYY-MM-DD); the browser's date when unset. */
  declare today: string | undefined;
  declare outcome: Outcome;
  declare amountError: string;

  constructor() {
    super();
    this.fields = [];
    this.outcome = { state: 'idle' };
    this.amountError = '';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const amount = parseAmount(String(data.get('amount') ?? ''), this.format.locale);
    if (amount === null) {
      this.amountError = 'Enter the deal amount as a number, for example 25000.';
      (form.elements.namedItem('amount') as HTMLInputElement).focus();
      return;
    }
    this.amountError = '';
    const fields: NonNullable<WhatIfDeal['fields']> = {};
    for (const field of this.fields) {
      const value = String(data.get(`field-${field.name}`) ?? '').trim();
      if (!value) continue;
      // A choice is sent as the plan's own value (its index), so `true` stays a boolean.
      fields[field.name] = field.values.length > 0 ? (field.values[Number(value) - 1] ?? value) : value;
    }
    const extraName = String(data.get('extra-name') ?? '').trim();
    const extraValue = String(data.get('extra-value') ?? '').trim();
    if (extraName && extraValue) fields[extraName] = extraValue;
    const deal: WhatIfDeal = { amount, closeDate: String(data.get('closeDate') || this.today || localToday()) };
    if (Object.keys(fields).length > 0) deal.fields = fields;
    if (!this.estimator) return;
    this.outcome = { state: 'busy' };
    try {
      this.outcome = { state: 'done', result: await this.estimator(deal) };
    } catch (error) {
      const issues = error instanceof ApiError ? error.issues.map((issue) => issue.message).join(' ') : '';
      this.outcome = { state: 'error', message: `${describe(error)}${issues ? ` ${issues}` : ''}` };
    }
  }

  override render() {
    const busy = this.outcome.state === 'busy';
    return html`<section aria-labelledby="what-if-title">
      <h3 id="what-if-title">What would a deal pay?</h3>
      <p class="weak">Try a deal before you close it: nothing is saved.</p>
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="amount">Deal amount (${this.format.currency})</label>
          <input
            id="amount"
            name="amount"
            class="input"
            inputmode="decimal"
            autocomplete="off"
            required
            aria-invalid=${this.amountError ? 'true' : 'false'}
            aria-describedby=${this.amountError ? 'amount-error' : nothing}
          />
          ${this.amountError ? html`<span id="amount-error" class="help error">${this.amountError}</span>` : nothing}
        </div>
        <div class="field">
          <label for="close-date">Close date</label>
          <input id="close-date" name="closeDate" type="date" class="input" .value=${this.today || localToday()} required />
        </div>
        ${
          this.fields.length > 0
            ? this.fields.map((field) => this.renderField(field))
            : html`<div class="field">
                  <label for="extra-name">Deal field (optional)</label>
                  <input id="extra-name" name="extra-name" class="input" autocomplete="off" placeholder="e.g. family" />
                </div>
                <div class="field">
                  <label for="extra-value">Its value</label>
                  <input id="extra-value" name="extra-value" class="input" autocomplete="off" placeholder="e.g. Services" />
                </div>`
        }
        <div>
          <button class="button brand" type="submit" ?disabled=${busy}>${busy ? 'Working it out…' : 'Show what it pays'}</button>
        </div>
      </form>
      <div class="result" aria-live="polite">${this.renderOutcome()}</div>
    </section>`;
  }

  private renderField(field: WhatIfField) {
    const id = `field-${field.name}`;
    if (field.values.length === 0) {
      return html`<div class="field">
        <label for=${id}>${field.name}</label>
        <input id=${id} name=${id} class="input" autocomplete="off" />
      </div>`;
    }
    return html`<div class="field">
      <label for=${id}>${field.name}</label>
      <select id=${id} name=${id} class="input">
        <option value="">(none)</option>
        ${field.values.map((value, index) => html`<option value=${index + 1}>${String(value)}</option>`)}
      </select>
    </div>`;
  }

  private renderOutcome() {
    const outcome = this.outcome;
    if (outcome.state === 'error') return html`<div class="alert error" role="alert"><p>${outcome.message}</p></div>`;
    if (outcome.state !== 'done') return nothing;
    const { result } = outcome;
    const after = result.after;
    const currency = after?.currency ?? result.before?.currency ?? this.format.currency;
    const period = after ? this.format.period(after.period) : '';
    return html`<div class="alert success">
      <p>
        <strong class="adds">This deal would add ${this.format.moneyChange(result.difference, currency)}</strong>
        ${period ? html` to your ${period} earnings` : nothing}${
          after?.attainment
            ? html`, taking attainment
                ${result.before?.attainment ? html`from ${this.format.attainment(result.before.attainment)}` : nothing}
                to ${this.format.attainment(after.attainment)}`
            : nothing
        }.
      </p>
    </div>
    ${
      result.dealLines.length > 0
        ? html`<ul aria-label="How the deal would pay">
            ${result.dealLines.map((line) => html`<li>${line.explain} = <strong>${this.format.money(line.amount, currency)}</strong></li>`)}
          </ul>`
        : nothing
    }
    ${result.warnings.map((warning) => html`<p class="weak">${warning.message}</p>`)}`;
  }
}

defineElement('attain-what-if', AttainWhatIf);

declare global {
  interface HTMLElementTagNameMap {
    'attain-what-if': AttainWhatIf;
  }
}
