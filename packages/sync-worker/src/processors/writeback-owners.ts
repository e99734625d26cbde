/**
 * Who owns the commission records. `Commission__c` and `Commission_Statement__c` are Private: a rep
 * (and, through the role hierarchy, their managers) sees a record only when the rep OWNS it. So the
 * write-back sets `OwnerId` to the statement's rep when the synced directory has the rep as an
 * active user. Otherwise Salesforce would refuse the owner (INACTIVE_OWNER_OR_USER) or it is no user
 * at all: `OwnerId` is left unset (the integration user gets new records) and a REP_NOT_OWNER notice
 * tells ops, per statement key.
 *
 * The owner is part of each record's change hash; a record whose owner should change is sent once.
 * Since a directory change does not recompute anything, each sync compares the active users with the
 * set the records were last planned with and puts the statement keys of reps whose status changed up
 * for write-back (all keys when there is no such set yet: an org upgraded to owned records).
 */
import type { StatementKey } from '@attain/engine';
import type { Directory } from '@attain/store';
import { NoticeCode, type NoticeInput, noticeSource, statementKeyText } from '@attain/store';
import type { ProcessorContext } from './context.js';

/** Ids compared case-sensitively on their 15-character form: a rep id may be either form of a user id. */
function userKey(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}

export interface OwnerDirectory {
  /** Rep id (15 or 18 characters) → the active user's id. */
  owners: Map<string, string>;
  /** Rep ids of inactive users (15-character form). */
  inactive: Set<string>;
}

export function ownerDirectory(directory: Directory): OwnerDirectory {
  const owners = new Map<string, string>();
  const inactive = new Set<string>();
  for (const user of directory.users) {
    if (!user.isActive) {
      inactive.add(userKey(user.id));
      continue;
    }
    owners.set(user.id, user.id);
    owners.set(userKey(user.id), user.id);
  }
  return { owners, inactive };
}

/** The REP_NOT_OWNER notices of one statement key's write-back (none when its rep owns the records). */
export function ownerNotices(owners: OwnerDirectory, key: StatementKey, hasStatements: boolean): NoticeInput[] {
  if (!hasStatements || owners.owners.has(key.repId)) return [];
  const inactive = owners.inactive.has(userKey(key.repId));
  return [
    {
      code: NoticeCode.repNotOwner,
      recordId: inactive ? key.repId : null,
      object: 'User',
      repId: key.repId,
      period: key.period,
      message:
        `Rep ${key.repId} is ${inactive ? 'an inactive user' : 'not a user in the synced directory'}: the ` +
        `commission records of ${key.period} are not owned by the rep (OwnerId not set, new records stay with ` +
        'the integration user), so under Private sharing the rep and their managers do not see them in Salesforce.',
    },
  ];
}

export function ownerNoticeSource(key: StatementKey): string {
  return noticeSource.owner(statementKeyText(key));
}

/**
 * After the directory is synced: puts up for write-back the statement keys whose rep became or
 * stopped being an active user since the records were last planned (every key the first time).
 */
export async function markOwnerChanges(context: ProcessorContext): Promise<number> {
  const { store } = context;
  const stored = await store.directory.get();
  if (!stored) return 0;
  const active = stored.directory.users
    .filter((user) => user.isActive)
    .map((user) => userKey(user.id))
    .sort();
  const text = JSON.stringify(active);
  const previousText = await store.statements.ownersPlanned();
  if (previousText === text) return 0;
  let keys = await store.statements.keysWithStatements();
  if (previousText !== null) {
    const previous = new Set(JSON.parse(previousText) as string[]);
    const now = new Set(active);
    const changed = new Set([
      ...active.filter((id) => !previous.has(id)),
      ...[...previous].filter((id) => !now.has(id)),
    ]);
    keys = keys.filter((key) => changed.has(userKey(key.repId)));
  }
  await store.statements.markPending(keys);
  await store.statements.setOwnersPlanned(text);
  if (keys.length > 0)
    context.logger.info({ keys: keys.length }, 'record owners changed: statements put up for write-back');
  return keys.length;
}
