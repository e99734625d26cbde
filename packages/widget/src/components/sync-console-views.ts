/**
 * The tables of the sync console: recent runs, record-level errors (with Retry) and open disputes.
 * Plain template functions; the element owns the state and passes what they need.
 */
import { formatIssue } from '@attain/engine/problems';
import { html, nothing } from 'lit';
import type { Dispute, RecordErrors, SyncRun } from '../api/types.js';
import type { Formatter } from '../format.js';
import { empty } from './status.js';

const STATUS_BADGE: Record<SyncRun['status'], string> = {
  running: '',
  succeeded: 'success',
  failed: 'error',
  paused: 'warning',
};

export function statusBadge(run: SyncRun) {
  return html`<span class="badge ${STATUS_BADGE[run.status]}">${run.status}</span>`;
}

export function runsTable(format: Formatter, runs: SyncRun[]) {
  if (runs.length === 0) return empty('No sync has run yet. Start one with “Sync now”.');
  return html`<div class="table-wrap">
    <table class="stack">
      <caption class="assistive">Recent sync runs, newest first</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th role="columnheader" scope="col">Started</th><th role="columnheader" scope="col">Kind</th><th role="columnheader" scope="col">Status</th>
          <th role="columnheader" scope="col" class="num">Read</th><th role="columnheader" scope="col" class="num">Changed</th><th role="columnheader" scope="col" class="num">Errors</th>
          <th role="columnheader" scope="col" class="num">Took</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${runs.map(
          (run) => html`<tr role="row">
            <td role="cell">${format.dateTime(run.startedAt)}</td>
            <td role="cell" data-label="Kind">${run.kind}</td>
            <td role="cell">${statusBadge(run)}${run.message ? html`<div class="weak">${run.message}</div>` : nothing}</td>
            <td role="cell" class="num" data-label="Read">${format.count(run.counts.read)}</td>
            <td role="cell" class="num" data-label="Changed">${format.count(run.counts.created + run.counts.updated + run.counts.deleted)}</td>
            <td role="cell" class="num" data-label="Errors">${format.count(run.counts.errors)}</td>
            <td role="cell" class="num" data-label="Took">
              ${run.endedAt ? format.duration(new Date(run.endedAt).getTime() - new Date(run.startedAt).getTime()) : '…'}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function errorsTable(
  format: Formatter,
  errors: RecordErrors,
  retrying: ReadonlySet<string>,
  retry: (kind: 'sync' | 'write', key: string) => void,
) {
  const rows = [
    ...errors.recordErrors.map((error) => ({
      kind: 'sync' as const,
      key: error.recordId ?? `${error.object}:${error.code}`,
      record: error.recordId ?? '(no id)',
      object: error.object,
      code: error.code,
      message: formatIssue(error),
      at: error.at,
      retryable: error.recordId !== null,
    })),
    ...errors.writeErrors.map((error) => ({
      kind: 'write' as const,
      key: error.ledgerKey,
      record: error.externalKey,
      object: error.object,
      code: error.code,
      message: error.message,
      at: error.at,
      retryable: true,
    })),
  ];
  if (rows.length === 0) return empty('No record errors: every record synced and was written back.');
  return html`<div class="table-wrap">
    <table class="stack">
      <caption class="assistive">Records that could not be synced or written back</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th role="columnheader" scope="col">Record</th><th role="columnheader" scope="col">Direction</th><th role="columnheader" scope="col">Problem</th><th role="columnheader" scope="col">Since</th>
          <th role="columnheader" scope="col"><span class="assistive">Retry</span></th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${rows.map(
          (row) => html`<tr role="row">
            <td role="cell">${row.record}<div class="weak">${row.object}</div></td>
            <td role="cell">${row.kind === 'sync' ? 'From Salesforce' : 'Write-back'}</td>
            <td role="cell"><span class="badge">${row.code}</span> ${row.message}</td>
            <td role="cell" data-label="Since">${format.dateTime(row.at)}</td>
            <td role="cell">
              ${
                row.retryable
                  ? html`<button
                      type="button"
                      class="button"
                      ?disabled=${retrying.has(row.key)}
                      aria-label=${`Retry ${row.record}`}
                      @click=${() => retry(row.kind, row.key)}
                    >
                      ${retrying.has(row.key) ? 'Queued' : 'Retry'}
                    </button>`
                  : nothing
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export interface DisputeActions {
  /** Disputes whose decision is being sent. */
  resolving: ReadonlySet<string>;
  /** What is wrong with a dispute's note (or its sending), by dispute id. */
  errors: ReadonlyMap<string, string>;
  resolve: (dispute: Dispute, outcome: 'accepted' | 'rejected', note: string) => void;
}

export function disputesTable(format: Formatter, disputes: Dispute[], actions: DisputeActions) {
  if (disputes.length === 0) return empty('No open disputes.');
  const noteOf = (event: Event, id: string) =>
    ((event.target as HTMLElement).closest('td')?.querySelector(`#note-${id}`) as HTMLTextAreaElement | null)?.value ??
    '';
  return html`<div class="table-wrap">
    <table class="stack">
      <caption class="assistive">Open disputes, newest first</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th role="columnheader" scope="col">Raised</th><th role="columnheader" scope="col">Rep</th><th role="columnheader" scope="col">Line</th>
          <th role="columnheader" scope="col" class="num">Amount</th><th role="columnheader" scope="col">Reason</th>
          <th role="columnheader" scope="col">Decision</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${disputes.map((dispute) => {
          const error = actions.errors.get(dispute.id);
          const busy = actions.resolving.has(dispute.id);
          return html`<tr role="row">
            <td role="cell">${format.dateTime(dispute.openedAt)}</td>
            <td role="cell">${dispute.repId}<div class="weak">${format.period(dispute.period)}</div></td>
            <td role="cell">${dispute.line.explain}</td>
            <td role="cell" class="num">${format.money(dispute.line.amount, dispute.currency)}</td>
            <td role="cell">${dispute.reason}</td>
            <td role="cell">
              <div class="field">
                <label for=${`note-${dispute.id}`}>Resolution note</label>
                <textarea
                  id=${`note-${dispute.id}`}
                  class="input"
                  rows="2"
                  maxlength="2000"
                  aria-invalid=${error ? 'true' : 'false'}
                  aria-describedby=${error ? `note-error-${dispute.id}` : nothing}
                ></textarea>
                ${error ? html`<span id=${`note-error-${dispute.id}`} class="help error">${error}</span>` : nothing}
              </div>
              <div class="row">
                <button type="button" class="button brand" ?disabled=${busy} aria-label=${`Accept: ${dispute.line.explain}`}
                  @click=${(event: Event) => actions.resolve(dispute, 'accepted', noteOf(event, dispute.id))}>Accept</button>
                <button type="button" class="button" ?disabled=${busy} aria-label=${`Reject: ${dispute.line.explain}`}
                  @click=${(event: Event) => actions.resolve(dispute, 'rejected', noteOf(event, dispute.id))}>Reject</button>
              </div>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
