/**
 * The plan half of the field mapper: edit a plan in a form, check it (the API runs the engine's
 * validator; each message shows next to its field), compare the draft with the current version over
 * the same deals (before/after per rep), and save it as the new version.
 */
import { formatPath } from '@attain/engine/problems';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import { ApiError, describe } from '../api/errors.js';
import type { Comparison, Issue, Plan } from '../api/types.js';
import { defineElement } from '../define.js';
import type { Formatter } from '../format.js';
import { sharedStyles } from '../styles/shared.js';
import { getAt, issuesByPath, type Path, pathKey, setAt } from './plan-model.js';
import { empty, failure, LOADING, type Loadable, loading } from './status.js';

type Action = 'check' | 'compare' | 'save';

const NEW_COMPONENT = {
  percent: { id: 'new', type: 'percent', rate: '0.05' },
  tiered: {
    id: 'new',
    type: 'tiered',
    basis: 'attainment',
    mode: 'marginal',
    tiers: [{ upTo: '1', rate: '0.05' }, { rate: '0.08' }],
  },
  bonus: { id: 'new', type: 'bonus', per: 'deal', amount: '250' },
} as const;

export class AttainPlanEditor extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: __ATTAIN_SHADOW_MODE__ };
  static override properties = {
    api: { attribute: false },
    format: { attribute: false },
    plans: { state: true },
    draft: { state: true },
    issues: { state: true },
    busy: { state: true },
    outcome: { state: true },
    comparison: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: var(--a-s2) var(--a-s3);
        margin-bottom: var(--a-s3);
      }
      fieldset.component {
        border: 1px solid var(--a-border);
        border-radius: var(--a-radius);
        padding: var(--a-s2) var(--a-s3) var(--a-s3);
        margin-bottom: var(--a-s3);
      }
      legend {
        font-weight: 700;
        padding: 0 var(--a-s1);
      }
      .actions {
        margin: var(--a-s3) 0;
      }
      .summary ul {
        margin: 0;
        padding-left: var(--a-s4);
      }
      .positive {
        color: var(--a-success);
      }
      .negative {
        color: var(--a-error);
      }
    `,
  ];

  declare api: ApiClient;
  declare format: Formatter;
  declare plans: Loadable<Plan[]>;
  declare draft: Plan | undefined;
  declare issues: Issue[];
  declare busy: Action | undefined;
  declare outcome: { kind: 'success' | 'error'; message: string } | undefined;
  declare comparison: Comparison | undefined;
  /** Filter JSON as typed, by component index, while it does not parse. */
  private filterText = new Map<number, string>();

  constructor() {
    super();
    this.plans = LOADING;
    this.issues = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.plans = LOADING;
    try {
      const { plans } = await endpoints.plans(this.api);
      this.plans = { state: 'ready', value: plans };
      this.choose(plans[0]);
    } catch (error) {
      this.plans = { state: 'error', message: describe(error) };
    }
  }

  private choose(plan: Plan | undefined): void {
    this.draft = plan ? structuredClone(plan) : undefined;
    this.issues = [];
    this.outcome = undefined;
    this.comparison = undefined;
    this.filterText.clear();
  }

  private edit(path: Path, value: unknown): void {
    if (!this.draft) return;
    this.draft = setAt(this.draft, path, value);
    this.outcome = undefined;
  }

  private async run(action: Action): Promise<void> {
    if (!this.draft) return;
    if (this.filterText.size > 0) {
      this.outcome = { kind: 'error', message: 'A filter is not valid JSON yet: fix it first.' };
      return;
    }
    this.busy = action;
    this.outcome = undefined;
    if (action !== 'compare') this.comparison = undefined;
    try {
      const result = await endpoints.validatePlan(this.api, this.draft);
      this.issues = result.issues;
      if (!result.valid) {
        this.outcome = { kind: 'error', message: `Fix the ${result.issues.length} problems marked below.` };
      } else if (action === 'check') {
        this.outcome = { kind: 'success', message: 'The plan is valid.' };
      } else if (action === 'compare') {
        this.comparison = await endpoints.comparePlan(this.api, this.draft);
      } else {
        const { plan } = await endpoints.savePlan(this.api, this.draft);
        this.outcome = {
          kind: 'success',
          message: `Saved plan ${plan.id}. Statements are recomputed with the next sync.`,
        };
        if (this.plans.state === 'ready') {
          this.plans = { state: 'ready', value: this.plans.value.map((old) => (old.id === plan.id ? plan : old)) };
        }
      }
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0)
        this.issues = error.issues.map(({ code, path, message }) => ({ code, path, message }));
      this.outcome = { kind: 'error', message: describe(error) };
    } finally {
      this.busy = undefined;
    }
  }

  override render() {
    const plans = this.plans;
    if (plans.state === 'loading') return loading('Loading plans…');
    if (plans.state === 'error') return failure(plans.message, () => this.load());
    if (plans.value.length === 0)
      return empty('No plans yet. Import plans through the API (PUT /api/admin/plans/{id}) first.');
    const draft = this.draft;
    const issues = issuesByPath(this.issues);
    return html`<div class="row">
        <div class="field">
          <label for="plan">Plan</label>
          <select id="plan" class="input" @change=${(e: Event) => this.choose(plans.value.find((plan) => plan.id === (e.target as HTMLSelectElement).value))}>
            ${plans.value.map((plan) => html`<option value=${plan.id} ?selected=${plan.id === draft?.id}>${plan.name ?? plan.id}</option>`)}
          </select>
        </div>
      </div>
      ${draft ? this.renderDraft(draft, issues) : nothing}
      <div class="row actions">
        <button type="button" class="button" ?disabled=${!!this.busy} @click=${() => this.run('check')}>Check</button>
        <button type="button" class="button" ?disabled=${!!this.busy} @click=${() => this.run('compare')}>Compare with current</button>
        <button type="button" class="button brand" ?disabled=${!!this.busy} @click=${() => this.run('save')}>Save as new version</button>
      </div>
      <div role="status" aria-live="polite">
        ${this.busy ? loading(this.busy === 'compare' ? 'Computing every statement both ways…' : 'Checking…') : nothing}
        ${this.outcome ? html`<div class="alert ${this.outcome.kind}"><p>${this.outcome.message}</p></div>` : nothing}
      </div>
      ${this.issues.length > 0 ? this.renderSummary() : nothing}
      ${this.comparison ? this.renderComparison(this.comparison) : nothing}`;
  }

  private renderSummary() {
    return html`<div class="summary alert error" role="alert">
      <ul>
        ${this.issues.map((issue) => html`<li>${formatPath(issue.path[0] === 'plan' ? issue.path.slice(1) : issue.path) || 'plan'}: ${issue.message}</li>`)}
      </ul>
    </div>`;
  }

  private input(
    label: string,
    path: Path,
    issues: Map<string, string[]>,
    options: { hint?: string; choices?: readonly string[] } = {},
  ) {
    const key = pathKey(path);
    const id = `f-${key.replace(/\./g, '-')}`;
    const messages = issues.get(key) ?? [];
    const value = getAt(this.draft, path);
    const text = value === undefined || value === null ? '' : String(value);
    const describedBy = [options.hint ? `${id}-hint` : '', messages.length ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    const change = (event: Event) => {
      const next = (event.target as HTMLInputElement | HTMLSelectElement).value.trim();
      this.edit(path, next === '' ? undefined : next);
    };
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${
        options.choices
          ? html`<select id=${id} class="input" @change=${change} aria-invalid=${messages.length > 0}>
              ${options.choices.map((choice) => html`<option ?selected=${choice === text}>${choice}</option>`)}
            </select>`
          : html`<input
              id=${id}
              class="input"
              .value=${text}
              @change=${change}
              autocomplete="off"
              aria-invalid=${messages.length > 0}
              aria-describedby=${describedBy || nothing}
            />`
      }
      ${options.hint ? html`<span id="${id}-hint" class="help weak">${options.hint}</span>` : nothing}
      ${messages.length ? html`<span id="${id}-error" class="help error">${messages.join(' ')}</span>` : nothing}
    </div>`;
  }

  private renderDraft(plan: Plan, issues: Map<string, string[]>) {
    return html`<div class="grid">
        ${this.input('Name', ['name'], issues)}
        ${this.input('Currency', ['currency'], issues, { hint: 'ISO code, e.g. USD' })}
        ${this.input('Period', ['period'], issues, { choices: ['month', 'quarter', 'year'] })}
        ${this.input('Plan cap (optional)', ['cap'], issues, { hint: 'The most a statement may total' })}
      </div>
      ${plan.components.map((component, index) => this.renderComponent(component.type, index, issues))}
      <div class="row">
        ${(['percent', 'tiered', 'bonus'] as const).map(
          (
            type,
          ) => html`<button type="button" class="button" @click=${() => this.edit(['components', plan.components.length], structuredClone(NEW_COMPONENT[type]))}>
            Add ${type} component
          </button>`,
        )}
      </div>`;
  }

  private renderComponent(type: Plan['components'][number]['type'], index: number, issues: Map<string, string[]>) {
    const at = (...rest: Path): Path => ['components', index, ...rest];
    const rate = (path: Path) => {
      const value = getAt(this.draft, path);
      return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)
        ? `${this.format.rate(value)}`
        : 'a fraction: 0.05 is 5%';
    };
    const filterKey = index;
    const filter = getAt(this.draft, at('filter'));
    const filterIssues = [...(issues.get(pathKey(at('filter'))) ?? [])];
    if (this.filterText.has(filterKey)) filterIssues.unshift('This is not valid JSON.');
    return html`<fieldset class="component">
      <legend>Component ${String(getAt(this.draft, at('id')))} (${type})</legend>
      <div class="grid">
        ${this.input('Id', at('id'), issues)}
        ${type === 'percent' ? this.input('Rate', at('rate'), issues, { hint: rate(at('rate')) }) : nothing}
        ${type === 'tiered' ? html`${this.input('Basis', at('basis'), issues, { choices: ['attainment', 'amount'] })}${this.input('Mode', at('mode'), issues, { choices: ['marginal', 'retroactive'] })}` : nothing}
        ${type === 'bonus' ? html`${this.input('Amount', at('amount'), issues)}${this.input('Per', at('per'), issues, { choices: ['deal', 'period'] })}` : nothing}
        ${this.input('Minimum attainment (optional)', at('minAttainment'), issues, { hint: 'fraction of quota: 0.5 is 50%' })}
        ${this.input('Component cap (optional)', at('cap'), issues)}
      </div>
      ${type === 'tiered' ? this.renderTiers(index, issues, rate) : nothing}
      <div class="field">
        <label for="filter-${index}">Filter (optional, JSON)</label>
        <textarea
          id="filter-${index}"
          class="input"
          spellcheck="false"
          aria-invalid=${filterIssues.length > 0}
          aria-describedby=${filterIssues.length ? `filter-${index}-error` : nothing}
          .value=${this.filterText.get(filterKey) ?? (filter === undefined ? '' : JSON.stringify(filter))}
          @change=${(event: Event) => {
            const text = (event.target as HTMLTextAreaElement).value.trim();
            try {
              this.filterText.delete(filterKey);
              this.edit(at('filter'), text ? JSON.parse(text) : undefined);
            } catch {
              this.filterText.set(filterKey, text);
              this.requestUpdate();
            }
          }}
        ></textarea>
        ${filterIssues.length ? html`<span id="filter-${index}-error" class="help error">${filterIssues.join(' ')}</span>` : nothing}
      </div>
      <button type="button" class="button link" @click=${() => this.removeComponent(index)}>Remove component</button>
    </fieldset>`;
  }

  private renderTiers(index: number, issues: Map<string, string[]>, rate: (path: Path) => string) {
    const tiers = (getAt(this.draft, ['components', index, 'tiers']) as unknown[] | undefined) ?? [];
    const tierIssue = issues.get(pathKey(['components', index, 'tiers']));
    return html`<fieldset>
      <legend>Tiers</legend>
      ${tierIssue ? html`<p class="help error">${tierIssue.join(' ')}</p>` : nothing}
      ${tiers.map(
        (_, tier) => html`<div class="grid">
          ${
            tier < tiers.length - 1
              ? this.input(`Tier ${tier + 1} up to`, ['components', index, 'tiers', tier, 'upTo'], issues)
              : html`<p class="weak">Tier ${tier + 1}: and above</p>`
          }
          ${this.input(`Tier ${tier + 1} rate`, ['components', index, 'tiers', tier, 'rate'], issues, { hint: rate(['components', index, 'tiers', tier, 'rate']) })}
        </div>`,
      )}
      <button
        type="button"
        class="button link"
        @click=${() => {
          const next = [...tiers];
          next.splice(Math.max(0, next.length - 1), 0, { upTo: '', rate: '' });
          this.edit(['components', index, 'tiers'], next);
        }}
      >
        Add tier
      </button>
    </fieldset>`;
  }

  private removeComponent(index: number): void {
    if (!this.draft) return;
    this.edit(
      ['components'],
      this.draft.components.filter((_, at) => at !== index),
    );
    this.filterText.clear();
  }

  private renderComparison(comparison: Comparison) {
    const money = (amount: string) => this.format.money(amount, comparison.currency);
    const change = (
      amount: string,
    ) => html`<span class=${amount.startsWith('-') ? 'negative' : /[1-9]/.test(amount) ? 'positive' : ''}
      >${this.format.moneyChange(amount, comparison.currency)}</span
    >`;
    return html`<h3>Before and after: ${comparison.planId}</h3>
      <div class="table-wrap">
        <table class="stack">
          <caption class="assistive">What each rep earns under the current plan and under the draft</caption>
          <thead role="rowgroup">
            <tr role="row"><th role="columnheader" scope="col">Rep</th><th role="columnheader" scope="col" class="num">Current plan</th><th role="columnheader" scope="col" class="num">Draft</th><th role="columnheader" scope="col" class="num">Difference</th></tr>
          </thead>
          <tbody role="rowgroup">
            ${comparison.reps.map(
              (rep) =>
                html`<tr role="row"><th role="rowheader" scope="row">${rep.repId}</th><td role="cell" class="num">${money(rep.before)}</td><td role="cell" class="num">${money(rep.after)}</td><td role="cell" class="num">${change(rep.difference)}</td></tr>`,
            )}
          </tbody>
          <tfoot role="rowgroup">
            <tr role="row">
              <th role="rowheader" scope="row">All reps</th><td role="cell" class="num">${money(comparison.totals.before)}</td><td role="cell" class="num">${money(comparison.totals.after)}</td>
              <td role="cell" class="num">${change(comparison.totals.difference)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      ${comparison.warnings.map((warning) => html`<p class="weak">${warning.message}</p>`)}`;
  }
}

defineElement('attain-plan-editor', AttainPlanEditor);

declare global {
  interface HTMLElementTagNameMap {
    'attain-plan-editor': AttainPlanEditor;
  }
}
