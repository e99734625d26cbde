/**
 * The field mapping half of the field mapper: the org's fields (from describe) beside the engine's
 * inputs, only type-correct choices offered, a preview of five deals mapped with the draft, and
 * saving the draft as a new mapping version (the API queues a full resync).
 */
import { formatIssue } from '@attain/engine/problems';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import { ApiError, describe } from '../api/errors.js';
import type {
  DescribedField,
  DescribedObject,
  ExtraField,
  FieldMapping,
  MappingOverview,
  MappingPreview,
} from '../api/types.js';
import { defineElement } from '../define.js';
import type { Formatter } from '../format.js';
import { sharedStyles } from '../styles/shared.js';
import {
  EXTRA_TYPES,
  extraPath,
  fieldText,
  fits,
  problemWith,
  SLOTS,
  type Slot,
  slotValue,
  withSlot,
} from './mapping-model.js';
import { asOf, empty, failure, LOADING, type Loadable, loading } from './status.js';

type Outcome = { state: 'idle' } | { state: 'busy' } | { state: 'error'; message: string };

export class AttainMappingEditor extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: __ATTAIN_SHADOW_MODE__ };
  static override properties = {
    api: { attribute: false },
    format: { attribute: false },
    loaded: { state: true },
    draft: { state: true },
    preview: { state: true },
    saving: { state: true },
    notice: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      td .input {
        max-width: 24rem;
      }
      .actions {
        margin: var(--a-s3) 0;
      }
      h3 {
        margin: var(--a-s4) 0 var(--a-s2);
      }
    `,
  ];

  declare api: ApiClient;
  declare format: Formatter;
  declare loaded: Loadable<{ describe: DescribedObject; overview: MappingOverview }>;
  declare draft: FieldMapping;
  declare preview: Loadable<MappingPreview> | undefined;
  declare saving: Outcome;
  declare notice: string;

  constructor() {
    super();
    this.loaded = LOADING;
    this.draft = {};
    this.saving = { state: 'idle' };
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loaded = LOADING;
    try {
      const overview = await endpoints.mapping(this.api);
      const object = overview.effective.object ?? 'Opportunity';
      if (!overview.describe) {
        this.loaded = {
          state: 'error',
          message: `Salesforce has no object ${object} visible to the Attain integration user. Check its permissions, or map another object.`,
        };
        return;
      }
      this.draft = structuredClone(overview.effective);
      this.loaded = { state: 'ready', value: { describe: overview.describe, overview } };
    } catch (error) {
      this.loaded = { state: 'error', message: describe(error) };
    }
  }

  private async runPreview(): Promise<void> {
    this.preview = LOADING;
    try {
      this.preview = { state: 'ready', value: await endpoints.previewMapping(this.api, this.draft) };
    } catch (error) {
      this.preview = { state: 'error', message: this.messageOf(error) };
    }
  }

  private async save(): Promise<void> {
    this.saving = { state: 'busy' };
    this.notice = '';
    try {
      const { version, changed } = await endpoints.saveMapping(this.api, this.draft);
      if (this.loaded.state === 'ready') {
        const overview = { ...this.loaded.value.overview, current: version, effective: version.mapping };
        this.loaded = { state: 'ready', value: { ...this.loaded.value, overview } };
      }
      this.saving = { state: 'idle' };
      this.notice = changed
        ? `Saved as version ${version.version}. A full resync was queued to apply it.`
        : `Nothing changed: version ${version.version} already maps the fields this way.`;
    } catch (error) {
      this.saving = { state: 'error', message: this.messageOf(error) };
    }
  }

  private messageOf(error: unknown): string {
    const issues = error instanceof ApiError ? error.issues.map(formatIssue) : [];
    return [describe(error), ...issues].join(' ');
  }

  private addField(form: HTMLFormElement): void {
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const path = String(data.get('path') ?? '');
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || !path) return;
    this.draft = { ...this.draft, fields: { ...(this.draft.fields ?? {}), [name]: { path } } };
    form.reset();
  }

  private removeField(name: string): void {
    const fields = { ...(this.draft.fields ?? {}) };
    delete fields[name];
    this.draft = { ...this.draft, fields };
  }

  override render() {
    const loaded = this.loaded;
    if (loaded.state === 'loading') return loading('Loading the org’s fields and the current mapping…');
    if (loaded.state === 'error') return failure(loaded.message, () => this.load());
    const { describe: described, overview } = loaded.value;
    const current = overview.current;
    const byName = new Map(described.fields.map((field) => [field.name, field]));
    const problems = SLOTS.map((slot) => problemWith(slot, slotValue(this.draft, slot.key), byName));
    const valid = problems.every((problem) => !problem);
    return html`<p class="weak">
        ${described.label ? `${described.label} (${described.name})` : described.name} fields ·
        ${current ? html`mapping version ${current.version} by ${current.author} · ${asOf(this.format, current.createdAt)}` : 'the default mapping (never saved)'}
      </p>
      <div class="table-wrap">
        <table class="stack">
          <caption class="assistive">Engine inputs and the ${described.name} fields that give them</caption>
          <thead role="rowgroup">
            <tr role="row"><th role="columnheader" scope="col">Engine input</th><th role="columnheader" scope="col">Salesforce field</th><th role="columnheader" scope="col">Accepts</th></tr>
          </thead>
          <tbody role="rowgroup">
            ${SLOTS.map((slot, index) => this.renderSlot(slot, described.fields, problems[index] ?? ''))}
          </tbody>
        </table>
      </div>
      <h3>Fields for plan filters</h3>
      ${this.renderExtras(described.fields)}
      <div class="row actions">
        <button type="button" class="button" ?disabled=${!valid} @click=${() => this.runPreview()}>Preview five deals</button>
        <button type="button" class="button brand" ?disabled=${!valid || this.saving.state === 'busy'} @click=${() => this.save()}>
          ${this.saving.state === 'busy' ? 'Saving…' : 'Save as new version'}
        </button>
      </div>
      ${this.saving.state === 'error' ? failure(this.saving.message) : nothing}
      <p role="status">${this.notice ? html`<span class="alert success">${this.notice}</span>` : nothing}</p>
      ${this.renderPreview()}`;
  }

  private renderSlot(slot: Slot, fields: DescribedField[], problem: string) {
    const value = slotValue(this.draft, slot.key);
    const choices = fields.filter((field) => fits(slot, field));
    const id = `slot-${slot.key}`;
    const stageRule = slot.key === 'won' && this.draft.won && 'stages' in this.draft.won ? this.draft.won : undefined;
    return html`<tr role="row">
      <th role="rowheader" scope="row"><label for=${id}>${slot.label}</label>${slot.required ? html`<span class="assistive"> (required)</span>` : nothing}</th>
      <td role="cell">
        <select
          id=${id}
          class="input"
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby="${id}-help${problem ? ` ${id}-error` : ''}"
          @change=${(event: Event) => {
            this.draft = withSlot(this.draft, slot.key, (event.target as HTMLSelectElement).value);
          }}
        >
          ${slot.required ? (value ? nothing : html`<option value="" selected>Choose a field</option>`) : html`<option value="" ?selected=${!value}>(none)</option>`}
          ${stageRule ? html`<option value="" selected>Stage is ${stageRule.stages.join(' or ')}</option>` : nothing}
          ${value && !choices.some((field) => field.name === value) ? html`<option value=${value} selected>${value}</option>` : nothing}
          ${choices.map((field) => html`<option value=${field.name} ?selected=${field.name === value}>${fieldText(field)}</option>`)}
        </select>
        ${problem && !stageRule ? html`<div id="${id}-error" class="help error">${problem}</div>` : nothing}
      </td>
      <td role="cell"><span id="${id}-help" class="weak">${slot.help}</span></td>
    </tr>`;
  }

  /** The source of an extra field, with its label and, for a picklist, the values plans may name. */
  private extraText(fields: DescribedField[], extra: ExtraField) {
    const described = 'child' in extra ? undefined : fields.find((field) => field.name === extra.path);
    if (!described) return extraPath(extra);
    const values = (described.picklistValues ?? []).filter((entry) => entry.active).map((entry) => entry.value);
    return html`${fieldText(described)}${values.length > 0 ? html` <span class="weak">· values: ${values.join(', ')}</span>` : nothing}`;
  }

  private renderExtras(fields: DescribedField[]) {
    const extras = Object.entries(this.draft.fields ?? {});
    const choices = fields.filter((field) => EXTRA_TYPES.includes(field.type));
    return html`${
      extras.length === 0
        ? empty('No extra fields: plans can filter on amount, currency, close date and owner only.')
        : html`<ul>
            ${extras.map(
              ([name, field]) => html`<li>
                <code>fields.${name}</code> ← ${this.extraText(fields, field)}
                <button type="button" class="button link" aria-label=${`Remove field ${name}`} @click=${() => this.removeField(name)}>
                  Remove
                </button>
              </li>`,
            )}
          </ul>`
    }
      <form
        class="row"
        aria-label="Add a field for plan filters"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          this.addField(event.currentTarget as HTMLFormElement);
        }}
      >
        <div class="field">
          <label for="extra-name">Name in plans</label>
          <input id="extra-name" name="name" class="input" required pattern="[A-Za-z][A-Za-z0-9_]*" autocomplete="off" />
        </div>
        <div class="field">
          <label for="extra-path">Salesforce field</label>
          <select id="extra-path" name="path" class="input" required>
            <option value="">Choose a field</option>
            ${choices.map((field) => html`<option value=${field.name}>${fieldText(field)} · ${field.type}</option>`)}
          </select>
        </div>
        <button type="submit" class="button">Add field</button>
      </form>`;
  }

  private renderPreview() {
    const preview = this.preview;
    if (!preview) return nothing;
    if (preview.state === 'loading') return loading('Mapping five deals…');
    if (preview.state === 'error') return failure(preview.message);
    const { records, issues, valid } = preview.value;
    if (!valid)
      return failure(`Salesforce would refuse this mapping: ${issues.map((issue) => issue.message).join(' ')}`);
    const deals = records.flatMap((record) => (record.deal ? [record.deal] : []));
    const errors = records.flatMap((record) => (record.error ? [record.error] : []));
    return html`<h3>Preview: the ${records.length} most recently changed records</h3>
      ${
        deals.length === 0
          ? empty('No record could be mapped. Check the errors below.')
          : html`<div class="table-wrap">
              <table class="stack">
                <caption class="assistive">Five deals as the engine would see them with this mapping</caption>
                <thead role="rowgroup">
                  <tr role="row">
                    <th role="columnheader" scope="col">Deal</th><th role="columnheader" scope="col">Rep</th><th role="columnheader" scope="col" class="num">Amount</th><th role="columnheader" scope="col">Close date</th>
                    <th role="columnheader" scope="col">Won</th><th role="columnheader" scope="col">Fields</th>
                  </tr>
                </thead>
                <tbody role="rowgroup">
                  ${deals.map(
                    (deal) => html`<tr role="row">
                      <td role="cell">${deal.id}</td>
                      <td role="cell">${deal.ownerId}${deal.splits?.length ? html`<div class="weak">${deal.splits.length} splits</div>` : nothing}</td>
                      <td role="cell" class="num">${deal.currency ? this.format.money(deal.amount, deal.currency) : this.format.decimal(deal.amount)}</td>
                      <td role="cell">${this.format.date(deal.closeDate)}</td>
                      <td role="cell">${deal.won ? 'Yes' : 'No'}</td>
                      <td role="cell">${Object.entries(deal.fields ?? {}).map(([name, value]) => html`<div>${name}: ${String(value)}</div>`)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      ${errors.map((error) => html`<p class="alert warning">${error.recordId ?? error.object}: ${error.message}</p>`)}`;
  }
}

defineElement('attain-mapping-editor', AttainMappingEditor);

declare global {
  interface HTMLElementTagNameMap {
    'attain-mapping-editor': AttainMappingEditor;
  }
}
