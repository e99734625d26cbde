/**
 * The caller as access control sees them: the token says who (`Caller`); Salesforce, through the
 * synced directory, says what they may do. Admin and ops come from the `Attain_Admin` /
 * `Attain_Ops` permission sets (admin includes ops); a manager reads everyone under them in the
 * ManagerId tree; everyone reads themself.
 */
import { ApiError } from '../errors.js';
import type { DirectoryView } from './directory-view.js';
import { isSalesforceId, to18 } from './salesforce-id.js';

export interface Principal {
  userId: string;
  name: string;
  isAdmin: boolean;
  /** Ops or admin. */
  isOps: boolean;
  /** Has someone under them in the ManagerId tree. */
  isManager: boolean;
  directory: DirectoryView;
}

export function principalOf(userId: string, directory: DirectoryView): Principal {
  const user = directory.user(userId);
  // Salesforce will not mint a token for an inactive user, but one minted just before deactivation lives on.
  if (user && !user.isActive) throw ApiError.forbidden('this user is inactive in Salesforce');
  const isAdmin = directory.holds(userId, 'Attain_Admin');
  return {
    userId,
    name: user?.name ?? userId,
    isAdmin,
    isOps: isAdmin || directory.holds(userId, 'Attain_Ops'),
    isManager: directory.hasReports(userId),
    directory,
  };
}

/** Whether the caller may read `repId`'s pay data: themself, anyone under them, or anyone for ops/admin. */
export function mayRead(principal: Principal, repId: string): boolean {
  return principal.userId === repId || principal.isOps || principal.directory.isUnder(repId, principal.userId);
}

/** `me` or a user id (15 or 18 characters) → the 18-character id; anything else is a 400 naming the parameter. */
export function resolveRepId(
  principal: Principal,
  value: string,
  where: { in: 'path' | 'query'; name: string } = { in: 'path', name: 'repId' },
): string {
  if (value === 'me') return principal.userId;
  const id = isSalesforceId(value) ? to18(value) : null;
  if (id === null || !id.startsWith('005')) {
    throw ApiError.invalid([
      { in: where.in, path: [where.name], code: 'invalid_id', message: 'must be "me" or a Salesforce user id (005…)' },
    ]);
  }
  return id;
}

/** The rep whose data is asked for, once the caller is allowed to read it (403 otherwise, whether the rep exists or not). */
export function readableRep(principal: Principal, value: string): string {
  const repId = resolveRepId(principal, value);
  if (!mayRead(principal, repId)) throw ApiError.forbidden('you may read only your own data and your team’s');
  return repId;
}

export function requireOps(principal: Principal): void {
  if (!principal.isOps) throw ApiError.forbidden('this needs the Attain_Ops or Attain_Admin permission set');
}

export function requireAdmin(principal: Principal): void {
  if (!principal.isAdmin) throw ApiError.forbidden('this needs the Attain_Admin permission set');
}
