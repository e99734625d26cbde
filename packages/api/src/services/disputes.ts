/**
 * Opening and resolving disputes, each in one transaction with its audit entry. A rep disputes a
 * line of their own current statement (the line must exist now; a copy is kept); one open dispute
 * per line. Ops accept or reject an open dispute with a note; a resolved dispute stays resolved.
 */
import { randomBytes } from 'node:crypto';
import type { AuditActor, AuditStore, Store, Transactions } from '@attain/store';
import { type Dispute, DisputeStatus, type DisputeStore } from '@attain/store';
import { ApiError } from '../errors.js';
import type { StatementReader } from './statements.js';
import { lineKeysOf } from './statements.js';

export interface DisputeDeps {
  store: Pick<Store, 'statements'>;
  disputes: DisputeStore;
  audit: AuditStore;
  statements: StatementReader;
  transactions: Transactions;
  clock: () => Date;
}

export interface OpenDisputeRequest {
  repId: string;
  period: string;
  lineKey: string;
  reason: string;
}

export async function openDispute(deps: DisputeDeps, actor: AuditActor, request: OpenDisputeRequest): Promise<Dispute> {
  const { repId, period, lineKey } = request;
  return deps.transactions.run(
    [...deps.disputes.watchKeysOfRep(repId), ...deps.store.statements.watchKeys({ repId, period })],
    async () => {
      const { stored } = await deps.statements.raw(repId, period);
      let found: Omit<Dispute, 'id' | 'reason' | 'status' | 'openedBy' | 'openedAt'> | undefined;
      for (const statement of stored?.statements ?? []) {
        const index = lineKeysOf(statement).indexOf(lineKey);
        const line = statement.lines[index];
        if (index < 0 || !line) continue;
        const { base: _base, rate: _rate, ...kept } = line;
        found = { repId, period, planId: statement.planId, currency: statement.currency, lineKey, line: kept };
      }
      if (!found) throw ApiError.notFound(`no line ${lineKey} in ${repId}'s ${period} statement`);
      const existing = await deps.disputes.ofRep(repId);
      if (existing.some((d) => d.lineKey === lineKey && d.status === DisputeStatus.open)) {
        throw ApiError.conflict('this line already has an open dispute');
      }
      const now = deps.clock().toISOString();
      const dispute: Dispute = {
        id: `dsp_${randomBytes(12).toString('hex')}`,
        ...found,
        reason: request.reason,
        status: DisputeStatus.open,
        openedBy: actor.userId,
        openedAt: now,
      };
      return {
        value: dispute,
        write: (multi) => {
          deps.disputes.write(multi, dispute);
          deps.audit.append(multi, {
            at: now,
            actor,
            action: 'dispute.open',
            target: `dispute:${dispute.id}`,
            before: null,
            after: dispute,
          });
        },
      };
    },
  );
}

export async function resolveDispute(
  deps: DisputeDeps,
  actor: AuditActor,
  disputeId: string,
  outcome: 'accepted' | 'rejected',
  note: string,
): Promise<Dispute> {
  return deps.transactions.run(deps.disputes.watchKeys(), async () => {
    const before = await deps.disputes.get(disputeId);
    if (!before) throw ApiError.notFound(`no dispute ${disputeId}`);
    if (before.status !== DisputeStatus.open)
      throw ApiError.conflict(`dispute ${disputeId} is already ${before.status}`);
    const at = deps.clock().toISOString();
    const after: Dispute = { ...before, status: outcome, resolution: { by: actor.userId, at, note } };
    return {
      value: after,
      write: (multi) => {
        deps.disputes.write(multi, after);
        deps.audit.append(multi, {
          at,
          actor,
          action: `dispute.${outcome}`,
          target: `dispute:${disputeId}`,
          before,
          after,
        });
      },
    };
  });
}
