/**
 * The org's users as the login endpoints see them: looked up by username among the User records of
 * the store (case-insensitive, as Salesforce usernames are), active ones only.
 */
import type { SObjectRecord } from '../schema/types.js';
import type { OrgStore } from '../store/org-store.js';

export function findActiveUser(store: OrgStore, username: string): SObjectRecord | undefined {
  const wanted = username.trim().toLowerCase();
  for (const user of store.scan('User', false)) {
    if (typeof user.Username === 'string' && user.Username.toLowerCase() === wanted) {
      return user.IsActive === false ? undefined : user;
    }
  }
  return undefined;
}

export function userById(store: OrgStore, id: string): SObjectRecord | undefined {
  const user = store.get('User', id);
  return user && user.IsDeleted !== true ? user : undefined;
}
