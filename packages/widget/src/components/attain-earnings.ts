/**
 * <attain-earnings>: what a rep earned and why. Period picker (and, for a manager, a person picker
 * over their team); earned this period and to date; attainment against quota as a bar with the tier
 * bounds and the current rate; what the next tier takes; every deal's lines with their explanations
 * and a way to dispute one; a what-if box. Every figure says when it was computed.
 */
import { css, html, nothing } from 'lit';
import { isAbort } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import { ApiError, describe as describeError, ErrorKind } from '../api/errors.js';
import type {
  Dispute,
  History,
  LineView,
  Me,
  StatementDeal,
  StatementView,
  StatementWithKeys,
  TeamSummary,
  TierPosition,
} from '../api/types.js';
import { defineElement } from '../define.js';
import type { Formatter } from '../format.js';
import { sharedStyles } from '../styles/shared.js';
import { AttainElement } from './attain-element.js';
import { barModel, defaultPeriod, earnedToDate, groupLines } from './earnings-model.js';
import { asOf, empty, failure, LOADING, type Loadable, loading } from './status.js';
import './attain-attainment-bar.js';
import './attain-dispute-form.js';
import { localToday, type WhatIfField } from './attain-what-if.js';
import './attain-what-if.js';

interface PeriodView {
  history: History;
  period: string | undefined;
  statements: StatementView | null;
  position: TierPosition | null;
  /** The deal fields the rep's plans filter on, offered by the what-if. */
  whatIfFields: WhatIfField[];
}

export class AttainEarnings extends AttainElement {
  static override properties = {
    recordId: { attribute: 'record-id' },
    objectApiName: { attribute: 'object-api-name' },
    today: { attribute: 'today' },
    me: { state: true },
    team: { state: true },
    view: { state: true },
    repId: { state: true },
    disputing: { state: true },
    sent: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .tiles {
        margin: var(--a-s2) 0 var(--a-s3);
      }
      .next {
        margin: var(--a-s2) 0 var(--a-s4);
      }
      .lines th[scope='rowgroup'] {
        background: var(--a-accent-light);
      }
      .lines .explain {
        width: 60%;
      }
      .deal-meta {
        font-weight: 400;
        color: var(--a-text-weak);
      }
      attain-what-if {
        margin-top: var(--a-s4);
        padding-top: var(--a-s3);
        border-top: 1px solid var(--a-border);
      }
    `,
  ];

  /** Set by the host on a record page: a User record opens that person, an Opportunity marks that deal. */
  declare recordId: string | undefined;
  declare objectApiName: string | undefined;
  /**
   * The day the view opens on (YYYY-MM-DD): its period is shown first and the what-if closes deals
   * on it. Unset in Salesforce (the browser's date); hosts and tests with a fixed org date set it.
   */
  declare today: string | undefined;
  declare me: Loadable<Me>;
  declare team: TeamSummary['members'];
  declare view: Loadable<PeriodView>;
  declare repId: string | undefined;
  /** The key of the line whose dispute form is open. */
  declare disputing: string | undefined;
  /** Disputes raised here, by line key, until the next load brings their status. */
  declare sent: Map<string, Dispute>;

  constructor() {
    super();
    this.me = LOADING;
    this.view = LOADING;
    this.team = [];
    this.sent = new Map();
  }

  protected override async start(): Promise<void> {
    this.me = LOADING;
    try {
      const me = await endpoints.me(this.api, this.signal);
      this.me = { state: 'ready', value: me };
      const person = this.objectApiName === 'User' && this.recordId?.startsWith('005') ? this.recordId : me.userId;
      await this.loadPerson(person);
    } catch (error) {
      if (!isAbort(error)) this.me = { state: 'error', message: describeError(error) };
    }
  }

  private async loadPerson(repId: string): Promise<void> {
    this.repId = repId;
    this.view = LOADING;
    try {
      const history = await endpoints.history(this.api, repId, this.signal);
      if (this.repId !== repId) return;
      const periods = history.periods.map((entry) => entry.period);
      await this.loadPeriod(repId, history, defaultPeriod(periods, this.today || localToday()));
    } catch (error) {
      if (!isAbort(error) && this.repId === repId) this.view = { state: 'error', message: describeError(error) };
    }
  }

  private async loadPeriod(repId: string, history: History, period: string | undefined): Promise<void> {
    this.disputing = undefined;
    if (period === undefined) {
      this.view = { state: 'ready', value: { history, period, statements: null, position: null, whatIfFields: [] } };
      return;
    }
    this.view = LOADING;
    const me = this.me.state === 'ready' ? this.me.value : undefined;
    const [statements, position, planFields] = await Promise.all([
      endpoints.statements(this.api, repId, period, this.signal),
      // No plan in that period is not an error for this view: the bar is left out.
      endpoints.attainment(this.api, repId, period, this.signal).catch((error: unknown) => {
        if (error instanceof ApiError && error.kind === ErrorKind.notFound) return null;
        throw error;
      }),
      // Without them the what-if offers a free "deal field / value" pair: not worth failing the view.
      endpoints.planFields(this.api, repId, period, this.signal).catch((error: unknown) => {
        if (isAbort(error)) throw error;
        return null;
      }),
      me?.roles.manager && this.team.length === 0 ? this.loadTeam(period) : undefined,
    ]);
    if (this.repId !== repId) return;
    const whatIfFields = (planFields?.fields ?? []).map((field) => ({ name: field.name, values: field.values }));
    this.view = { state: 'ready', value: { history, period, statements, position, whatIfFields } };
  }

  private async loadTeam(period: string): Promise<void> {
    try {
      this.team = (await endpoints.team(this.api, period, this.signal)).members;
    } catch (error) {
      // Without the team the picker shows only the manager; their own figures still load.
      if (isAbort(error)) throw error;
    }
  }

  private async choosePeriod(period: string): Promise<void> {
    const view = this.view;
    if (view.state !== 'ready' || !this.repId) return;
    try {
      await this.loadPeriod(this.repId, view.value.history, period);
    } catch (error) {
      if (!isAbort(error)) this.view = { state: 'error', message: describeError(error) };
    }
  }

  override render() {
    const me = this.me;
    return html`<section class="card" aria-labelledby="title" aria-busy=${this.view.state === 'loading'}>
      <div class="header">
        <h2 id="title">Earnings</h2>
        ${me.state === 'ready' ? this.renderPickers(me.value) : nothing}
      </div>
      ${
        me.state === 'loading'
          ? loading('Loading your earnings…')
          : me.state === 'error'
            ? failure(me.message, () => this.start())
            : this.renderView()
      }
    </section>`;
  }

  private renderPickers(me: Me) {
    const view = this.view.state === 'ready' ? this.view.value : undefined;
    const format = this.format();
    const periods = [...(view?.history.periods ?? [])].reverse();
    return html`<div class="row">
      ${
        me.roles.manager
          ? html`<div class="field">
              <label for="person">Person</label>
              <select id="person" class="input" @change=${(e: Event) => this.loadPerson((e.target as HTMLSelectElement).value)}>
                <option value=${me.userId} ?selected=${me.userId === this.repId}>${me.name} (you)</option>
                ${this.team.map((member) => html`<option value=${member.repId} ?selected=${member.repId === this.repId}>${member.name}</option>`)}
              </select>
            </div>`
          : nothing
      }
      <div class="field">
        <label for="period">Period</label>
        <select id="period" class="input" ?disabled=${periods.length === 0} @change=${(e: Event) => this.choosePeriod((e.target as HTMLSelectElement).value)}>
          ${periods.map((entry) => html`<option value=${entry.period} ?selected=${entry.period === view?.period}>${format.period(entry.period)}</option>`)}
        </select>
      </div>
    </div>`;
  }

  private renderView() {
    const view = this.view;
    if (view.state === 'loading') return loading('Loading statements…');
    if (view.state === 'error') return failure(view.message, () => this.repId && this.loadPerson(this.repId));
    const { statements } = view.value;
    if (!statements || statements.statements.length === 0) {
      return empty(
        'No commission statement for this period yet. Statements appear here within minutes of a deal closing; ' +
          'if you closed a deal and see nothing, ask your sales ops team whether you are assigned to a plan.',
      );
    }
    return html`${statements.stale ? html`<p class="alert warning" role="status">A recent change is being computed: these figures will update in a moment.</p>` : nothing}
    ${statements.statements.map((statement) => this.renderStatement(view.value, statements, statement))}
    ${statements.warnings.map((warning) => html`<p class="alert warning">${warning.message}</p>`)}`;
  }

  private renderStatement(view: PeriodView, statements: StatementView, statement: StatementWithKeys) {
    const format = this.format(statement.currency);
    const plan = view.position?.plans.find((candidate) => candidate.planId === statement.planId);
    const tiered = plan?.tiered.find((component) => component.current !== null);
    const bar = plan ? barModel(plan) : undefined;
    const { deals, other } = groupLines(statement.lines);
    const own = this.me.state === 'ready' && this.me.value.userId === statement.repId;
    return html`<div class="section">
      <p class="weak">Plan ${statement.planId} · ${format.period(statement.period)} · ${asOf(format, statements.computedAt)}</p>
      <dl class="tiles">
        <div class="tile"><dt>Earned this period</dt><dd>${format.money(statement.total)}</dd></div>
        <div class="tile"><dt>Earned to date this year</dt><dd>${format.money(earnedToDate(view.history, statement.period, statement.currency))}</dd></div>
        <div class="tile">
          <dt>Attainment</dt>
          <dd>${statement.attainment === null ? '—' : format.attainment(statement.attainment)}</dd>
          <span class="weak">${format.money(statement.credited)} credited${statement.quota ? ` of ${format.money(statement.quota)} quota` : ' (no quota set)'}</span>
        </div>
        ${tiered?.current ? html`<div class="tile"><dt>Current rate</dt><dd>${format.rate(tiered.current.rate)}</dd><span class="weak">tier ${tiered.current.tier}</span></div>` : nothing}
      </dl>
      ${
        bar
          ? html`<attain-attainment-bar
              label="Credited against quota and tier bounds"
              .value=${bar.value}
              .max=${bar.max}
              .marks=${bar.marks.map((mark) => ({ at: mark.at, label: `tier ${mark.tier} · ${format.money(mark.at)}` }))}
              value-text=${`${format.money(statement.credited)} credited${statement.attainment ? `, ${format.attainment(statement.attainment)} of quota` : ''}${tiered?.current ? `, tier ${tiered.current.tier} at ${format.rate(tiered.current.rate)}` : ''}`}
            ></attain-attainment-bar>`
          : nothing
      }
      <p class="next">
        ${
          tiered?.next
            ? html`<strong>${format.money(tiered.next.creditedToGo)}</strong> more to reach tier ${tiered.next.tier} (${format.rate(tiered.next.rate)}).`
            : tiered?.current
              ? `You are in the top tier (${format.rate(tiered.current.rate)}).`
              : nothing
        }
        ${plan?.gates.filter((gate) => !gate.reached && gate.creditedToGo).map((gate) => html` ${format.money(gate.creditedToGo!)} more unlocks ${gate.unlocks}.`)}
      </p>
      ${
        statement.lines.length === 0
          ? empty('No commission lines in this period yet.')
          : html`<div class="table-wrap">
              <table class="lines stack">
                <caption class="assistive">Commission lines of ${format.period(statement.period)}, by deal</caption>
                <thead role="rowgroup">
                  <tr role="row"><th role="columnheader" scope="col">Component</th><th role="columnheader" scope="col" class="explain">Why</th><th role="columnheader" scope="col" class="num">Amount</th><th role="columnheader" scope="col"><span class="assistive">Dispute</span></th></tr>
                </thead>
                ${deals.map((group) => this.renderGroup(statement, format, own, this.dealHeading(format, statements.deals, group.dealId, group.total), group.lines))}
                ${other.length > 0 ? this.renderGroup(statement, format, own, 'Plan-level lines', other) : nothing}
              </table>
            </div>`
      }
      <attain-what-if
        .fields=${view.whatIfFields}
        .format=${format}
        .estimator=${(deal: Parameters<typeof endpoints.estimate>[2]) => endpoints.estimate(this.api, statement.repId, deal)}
        .today=${this.today}
      ></attain-what-if>
    </div>`;
  }

  /** "Acme — Expansion · $40,000 · closes Mar 12, 2026 · earned $2,000"; the id when Salesforce gave no name. */
  private dealHeading(format: Formatter, deals: StatementDeal[] | undefined, dealId: string, total: string) {
    const here = this.objectApiName === 'Opportunity' && this.recordId === dealId;
    const deal = deals?.find((candidate) => candidate.id === dealId);
    const title = deal?.name ?? `Deal ${dealId}`;
    const facts = deal ? ` · ${format.money(deal.amount, deal.currency)} · closes ${format.date(deal.closeDate)}` : '';
    return html`${title}${here ? ' (this opportunity)' : ''} <span class="deal-meta">${facts} · earned ${format.money(total)}</span>`;
  }

  private renderGroup(
    statement: StatementWithKeys,
    format: Formatter,
    own: boolean,
    heading: unknown,
    lines: LineView[],
  ) {
    return html`<tbody role="rowgroup">
      <tr role="row"><th role="rowheader" scope="rowgroup" colspan="4">${heading}</th></tr>
      ${lines.map((line) => this.renderLine(statement, format, own, line))}
    </tbody>`;
  }

  private renderLine(statement: StatementWithKeys, format: Formatter, own: boolean, line: LineView) {
    const key = line.lineKey;
    const dispute = this.sent.get(key) ?? line.dispute;
    const component = line.kind === 'cap' ? 'Cap' : (line.componentId ?? line.kind);
    return html`<tr role="row">
        <td role="cell">${component}${line.tier ? html` <span class="badge">tier ${line.tier}</span>` : nothing}</td>
        <td role="cell" class="explain">${line.explain}</td>
        <td role="cell" class="num">${format.money(line.amount)}</td>
        <td role="cell">
          ${
            dispute
              ? html`<span class="badge warning" tabindex="-1" data-line=${key}>Disputed · ${dispute.status}</span>`
              : own
                ? html`<button
                    type="button"
                    class="button link"
                    data-line=${key}
                    aria-expanded=${this.disputing === key}
                    aria-label=${`Dispute: ${line.explain}`}
                    @click=${() => {
                      this.disputing = this.disputing === key ? undefined : key;
                    }}
                  >
                    Dispute
                  </button>`
                : nothing
          }
        </td>
      </tr>
      ${
        this.disputing === key
          ? html`<tr role="row">
              <td role="cell" colspan="4">
                <attain-dispute-form
                  .line=${line.explain}
                  .submitter=${(reason: string) => endpoints.openDispute(this.api, statement.repId, statement.period, key, reason)}
                  @attain-dispute-cancel=${() => this.closeDispute(key)}
                  @attain-dispute-sent=${(event: CustomEvent<Dispute>) => {
                    this.sent = new Map(this.sent).set(key, event.detail);
                    this.closeDispute(key);
                  }}
                ></attain-dispute-form>
              </td>
            </tr>`
          : nothing
      }`;
  }

  /** Closes the dispute form and gives focus back to the line: its Dispute button, or the new "Disputed" badge. */
  private async closeDispute(key: string): Promise<void> {
    this.disputing = undefined;
    await this.updateComplete;
    const target = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-line]')].find(
      (candidate) => candidate.dataset.line === key,
    );
    target?.focus();
  }
}

defineElement('attain-earnings', AttainEarnings);

declare global {
  interface HTMLElementTagNameMap {
    'attain-earnings': AttainEarnings;
  }
}
