/**
 * Raising a dispute on one commission line: a reason and a send button, inline under the line.
 * Focus moves into the form when it opens; Escape or Cancel closes it (the parent puts focus back on
 * the line's Dispute button). Events: `attain-dispute-cancel`, `attain-dispute-sent` (detail: Dispute).
 */
import { css, html, LitElement, nothing } from 'lit';
import { describe } from '../api/errors.js';
import type { Dispute } from '../api/types.js';
import { defineElement } from '../define.js';
import { sharedStyles } from '../styles/shared.js';

export class AttainDisputeForm extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: __ATTAIN_SHADOW_MODE__ };
  static override properties = {
    line: {},
    submitter: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: var(--a-s2);
        padding: var(--a-s2) 0;
      }
      .row {
        justify-content: flex-end;
      }
    `,
  ];

  /** The line's explanation, to say what is being disputed. */
  declare line: string;
  declare submitter: ((reason: string) => Promise<Dispute>) | undefined;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.line = '';
    this.busy = false;
    this.error = '';
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('attain-dispute-cancel', { bubbles: true, composed: true }));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const textarea = this.renderRoot.querySelector('textarea')!;
    const reason = textarea.value.trim();
    if (!reason) {
      this.error = 'Say what looks wrong, so whoever reviews it knows what to check.';
      textarea.focus();
      return;
    }
    if (!this.submitter) return;
    this.busy = true;
    this.error = '';
    try {
      const dispute = await this.submitter(reason);
      this.dispatchEvent(new CustomEvent('attain-dispute-sent', { detail: dispute, bubbles: true, composed: true }));
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form
      @submit=${this.submit}
      @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && this.cancel()}
      aria-label="Dispute this line"
      novalidate
    >
      <div class="field">
        <label for="reason">What looks wrong with “${this.line}”?</label>
        <textarea
          id="reason"
          class="input"
          maxlength="2000"
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${this.error ? 'reason-error' : nothing}
        ></textarea>
        ${this.error ? html`<span id="reason-error" class="help error" role="alert">${this.error}</span>` : nothing}
      </div>
      <div class="row">
        <button type="button" class="button" @click=${this.cancel}>Cancel</button>
        <button type="submit" class="button brand" ?disabled=${this.busy}>${this.busy ? 'Sending…' : 'Send dispute'}</button>
      </div>
    </form>`;
  }
}

defineElement('attain-dispute-form', AttainDisputeForm);

declare global {
  interface HTMLElementTagNameMap {
    'attain-dispute-form': AttainDisputeForm;
  }
}
