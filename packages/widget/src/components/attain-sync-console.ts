/**
 * <attain-sync-console>, for ops: the last syncs, the write-back lag, the Salesforce API budget used,
 * the queues, a way to start a sync and watch it run, record-level errors with Retry, and the open
 * disputes. Refreshes itself every 15 s while on the page (and every second while a sync runs).
 */
import { css, html, nothing } from 'lit';
import { isAbort } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import { describe } from '../api/errors.js';
import type { Dispute, RecordErrors, SyncRun, SyncRunView, SyncStatus } from '../api/types.js';
import { defineElement } from '../define.js';
import type { Formatter } from '../format.js';
import { sharedStyles } from '../styles/shared.js';
import { AttainElement } from './attain-element.js';
import { asOf, failure, LOADING, type Loadable, loading } from './status.js';
import { disputesTable, errorsTable, runsTable, statusBadge } from './sync-console-views.js';

const REFRESH_MS = 15_000;
const WATCH_MS = 1_000;

export class AttainSyncConsole extends AttainElement {
  static override properties = {
    status: { state: true },
    errors: { state: true },
    disputes: { state: true },
    watched: { state: true },
    notice: { state: true },
    retrying: { state: true },
    resolving: { state: true },
    noteErrors: { state: true },
    readAt: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .tiles {
        margin-bottom: var(--a-s4);
      }
      .watch {
        margin-bottom: var(--a-s4);
      }
      .watch .progress {
        margin-top: var(--a-s2);
      }
      h3 {
        margin: var(--a-s4) 0 var(--a-s2);
      }
    `,
  ];

  declare status: Loadable<SyncStatus>;
  declare errors: Loadable<RecordErrors>;
  declare disputes: Loadable<Dispute[]>;
  /**
   * The sync started from here, while it runs and once it ended: `runId` is the run the API said serves
   * the request (null when a run already going made it wait for the next one, whose id is not known yet).
   */
  declare watched: { requestedAt: number; runId?: string | null; run?: SyncRun; error?: string } | undefined;
  declare notice: string;
  declare retrying: Set<string>;
  /** Disputes whose decision is being sent. */
  declare resolving: Set<string>;
  /** Per dispute: what is wrong with its resolution note. */
  declare noteErrors: Map<string, string>;
  /** When the status was last read (it is read live from the worker's store). */
  declare readAt: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.status = LOADING;
    this.errors = LOADING;
    this.disputes = LOADING;
    this.notice = '';
    this.retrying = new Set();
    this.resolving = new Set();
    this.noteErrors = new Map();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override start(): void {
    void this.refresh();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const running = this.watched && (!this.watched.run || this.watched.run.status === 'running');
    if (this.isConnected) this.timer = setTimeout(() => void this.refresh(), running ? WATCH_MS : REFRESH_MS);
  }

  private async refresh(): Promise<void> {
    const signal = this.signal;
    const settle = async <T>(load: Promise<T>): Promise<Loadable<T>> => {
      try {
        return { state: 'ready', value: await load };
      } catch (error) {
        if (isAbort(error)) throw error;
        return { state: 'error', message: describe(error) };
      }
    };
    const watched = this.watched;
    const runId = watched?.runId && (!watched.run || watched.run.status === 'running') ? watched.runId : undefined;
    try {
      const [status, errors, disputes, runView] = await Promise.all([
        settle(endpoints.syncStatus(this.api, signal)),
        settle(endpoints.recordErrors(this.api, signal)),
        settle(endpoints.disputes(this.api, 'open', signal).then((body) => body.disputes)),
        runId ? settle(endpoints.syncRun(this.api, runId, signal)) : undefined,
      ]);
      // Keep showing the last good figures when a background refresh fails; say so only on first load.
      if (status.state === 'ready') this.readAt = new Date().toISOString();
      if (status.state === 'ready' || this.status.state !== 'ready') this.status = status;
      if (errors.state === 'ready' || this.errors.state !== 'ready') this.errors = errors;
      if (disputes.state === 'ready' || this.disputes.state !== 'ready') this.disputes = disputes;
      if (runView?.state === 'ready') this.followRun(runView.value);
      else this.follow(status.state === 'ready' ? status.value : undefined);
    } catch (error) {
      if (isAbort(error)) return;
    }
    this.schedule();
  }

  /** Updates the watched run from the run the API named for the request. */
  private followRun(view: SyncRunView): void {
    const watched = this.watched;
    if (!watched || watched.runId !== view.runId) return;
    if (view.run) this.watched = { ...watched, run: view.run };
    else if (view.state === 'failed') this.watched = { ...watched, error: 'The sync job failed before it started.' };
  }

  /**
   * Updates the watched run when the API could not name it (a request made during a run is served by
   * the next run, whose id does not exist yet): the newest run that started after the request.
   */
  private follow(status: SyncStatus | undefined): void {
    const watched = this.watched;
    if (!watched || watched.runId || !status || (watched.run && watched.run.status !== 'running')) return;
    const since = new Date(watched.requestedAt - 2_000).toISOString();
    const run = status.runs.find((candidate) => candidate.startedAt >= since);
    if (run) this.watched = { ...watched, run };
  }

  private async startSync(kind: SyncRun['kind']): Promise<void> {
    this.notice = '';
    const requestedAt = Date.now();
    this.watched = { requestedAt };
    try {
      const queued = await endpoints.requestSync(this.api, kind);
      this.watched = { requestedAt, runId: queued.runId ?? null };
    } catch (error) {
      this.watched = { requestedAt, error: describe(error) };
      return;
    }
    await this.refresh();
  }

  private async retry(kind: 'sync' | 'write', key: string): Promise<void> {
    this.retrying = new Set(this.retrying).add(key);
    try {
      const outcome = await endpoints.retryErrors(
        this.api,
        kind === 'sync' ? [key] : [],
        kind === 'write' ? [key] : [],
      );
      this.notice = outcome.fixed.includes(key)
        ? `${key} synced cleanly this time.`
        : outcome.failing.some((error) => error.recordId === key)
          ? `${key} still fails: ${outcome.failing.find((error) => error.recordId === key)?.message ?? ''}`
          : `${key} is queued to be tried again with the next ${kind === 'write' ? 'write-back' : 'sync'}.`;
      await this.refresh();
    } catch (error) {
      this.notice = describe(error);
    } finally {
      const retrying = new Set(this.retrying);
      retrying.delete(key);
      this.retrying = retrying;
    }
  }

  private async resolve(dispute: Dispute, outcome: 'accepted' | 'rejected', note: string): Promise<void> {
    const errors = new Map(this.noteErrors);
    if (note.trim().length < 3) {
      this.noteErrors = errors.set(dispute.id, 'Say what was decided (at least 3 characters): the rep reads it.');
      this.renderRoot.querySelector<HTMLElement>(`#note-${dispute.id}`)?.focus();
      return;
    }
    errors.delete(dispute.id);
    this.noteErrors = errors;
    this.resolving = new Set(this.resolving).add(dispute.id);
    try {
      const resolved = await endpoints.resolveDispute(this.api, dispute.id, outcome, note.trim());
      this.notice = `Dispute ${resolved.status}: ${resolved.line.explain}`;
      await this.refresh();
    } catch (error) {
      this.noteErrors = new Map(this.noteErrors).set(dispute.id, describe(error));
    } finally {
      const resolving = new Set(this.resolving);
      resolving.delete(dispute.id);
      this.resolving = resolving;
    }
  }

  override render() {
    const status = this.status;
    const format = this.format();
    const busy =
      this.watched !== undefined && !this.watched.error && (!this.watched.run || this.watched.run.status === 'running');
    return html`<section class="card" aria-labelledby="title">
      <div class="header">
        <div>
          <h2 id="title">Sync console</h2>
          ${asOf(format, this.readAt)}
        </div>
        <div class="row">
          <button type="button" class="button brand" ?disabled=${busy} @click=${() => this.startSync('incremental')}>Sync now</button>
          <button type="button" class="button" ?disabled=${busy} @click=${() => this.startSync('full')}>Full resync</button>
        </div>
      </div>
      ${this.renderWatched(format)}
      <p role="status" class="weak">${this.notice}</p>
      ${
        status.state === 'loading'
          ? loading('Loading sync status…')
          : status.state === 'error'
            ? failure(status.message, () => this.refresh())
            : this.renderStatus(format, status.value)
      }
      <h3>Record errors</h3>
      ${this.section(this.errors, (errors) => errorsTable(format, errors, this.retrying, (kind, key) => this.retry(kind, key)))}
      <h3>Open disputes</h3>
      ${this.section(this.disputes, (disputes) =>
        disputesTable(format, disputes, {
          resolving: this.resolving,
          errors: this.noteErrors,
          resolve: (dispute, outcome, note) => this.resolve(dispute, outcome, note),
        }),
      )}
    </section>`;
  }

  private section<T>(value: Loadable<T>, view: (value: T) => unknown) {
    if (value.state === 'loading') return loading('Loading…');
    if (value.state === 'error') return failure(value.message, () => this.refresh());
    return view(value.value);
  }

  private renderWatched(format: Formatter) {
    const watched = this.watched;
    if (!watched) return nothing;
    if (watched.error) return html`<div class="watch">${failure(watched.error)}</div>`;
    const run = watched.run;
    if (!run)
      return html`<div class="watch" role="status"><span class="spinner" aria-hidden="true"></span> Sync queued…</div>`;
    const counts = run.counts;
    const text =
      run.status === 'running'
        ? `Reading records: ${format.count(counts.read)}${run.total ? ` of ${format.count(run.total)}` : ''}, ${format.count(counts.errors)} errors`
        : `Sync ${run.status}: ${format.count(counts.read)} read, ${format.count(counts.created + counts.updated + counts.deleted)} changed, ${format.count(counts.errors)} errors${run.message ? `. ${run.message}` : ''}`;
    return html`<div class="watch alert ${run.status === 'failed' ? 'error' : run.status === 'running' ? '' : 'success'}" role="status">
      <p>${statusBadge(run)} ${text}</p>
      <div
        class="progress"
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin="0"
        aria-valuemax=${run.total ?? nothing}
        aria-valuenow=${run.total ? counts.read : nothing}
        style="flex-basis:100%"
      >
        <span style="width:${run.status !== 'running' ? 100 : run.total ? Math.min(100, (100 * counts.read) / run.total) : 5}%"></span>
      </div>
    </div>`;
  }

  private renderStatus(format: Formatter, status: SyncStatus) {
    const last = status.runs[0];
    const budget = status.apiBudget;
    const allowed = budget.limit === null ? null : Math.floor(budget.limit * budget.budgetFraction);
    const freshness = status.freshness.secondsSinceLastSuccess;
    return html`${
      budget.paused
        ? html`<div class="alert warning" role="alert">
            <p>Salesforce API calls are paused until ${format.dateTime(budget.paused.until)}: ${budget.paused.reason}</p>
          </div>`
        : nothing
    }
      <dl class="tiles">
        <div class="tile">
          <dt>Last sync</dt>
          <dd class="small">${last ? html`${statusBadge(last)} ${format.relative(last.startedAt)}` : 'never'}</dd>
          <span class="weak">${status.freshness.lastSucceededAt ? `last success ${format.dateTime(status.freshness.lastSucceededAt)}` : 'no successful sync yet'}</span>
        </div>
        <div class="tile">
          <dt>Lag</dt>
          <dd>${freshness === null ? '—' : format.duration(freshness * 1000)}</dd>
          <span class="weak"
            >since the last successful sync started; ${format.count(status.pending.dirtyStatements)} statements to compute,
            ${format.count(status.pending.pendingWriteback)} to write back</span
          >
        </div>
        <div class="tile">
          <dt>API budget used</dt>
          <dd>${budget.used === null || allowed === null ? '—' : `${format.count(budget.used)} / ${format.count(allowed)}`}</dd>
          <span class="weak"
            >${budget.limit === null ? 'not measured yet' : `calls today; the worker may use ${format.rate(String(budget.budgetFraction))} of the org's ${format.count(budget.limit)}`}${budget.observedAt ? `, seen ${format.relative(budget.observedAt)}` : ''}</span
          >
        </div>
        <div class="tile">
          <dt>Queues</dt>
          <dd class="small">
            ${Object.entries(status.queues).map(
              ([name, counts]) =>
                html`<div>${name}: ${format.count(counts.waiting + counts.prioritized + counts.delayed)} waiting, ${format.count(counts.active)} active${counts.failed ? html`, <strong>${format.count(counts.failed)} failed</strong>` : nothing}</div>`,
            )}
          </dd>
        </div>
      </dl>
      <h3>Recent syncs</h3>
      ${runsTable(format, status.runs.slice(0, 10))}`;
  }
}

defineElement('attain-sync-console', AttainSyncConsole);

declare global {
  interface HTMLElementTagNameMap {
    'attain-sync-console': AttainSyncConsole;
  }
}
