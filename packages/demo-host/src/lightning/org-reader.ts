/** Reads the org for the Lightning pages with the emulator's own SOQL, as the pages' "Apex" would. */
import { executeSoql, type OrgStore } from '@attain/salesforce-emulator';

export type Row = Record<string, unknown>;

const soqlString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export class OrgReader {
  constructor(private readonly store: OrgStore) {}

  query(soql: string): Row[] {
    return executeSoql(soql, this.store, { includeDeleted: false, apiVersion: '62.0' }).records as Row[];
  }

  quote(value: string): string {
    return soqlString(value);
  }

  user(id: string): Row | undefined {
    return this.query(
      `SELECT Id, Name, Title, ManagerId, Username, IsActive FROM User WHERE Id = ${soqlString(id)}`,
    )[0];
  }

  permissionSetHolders(name: string): string[] {
    return this.query(
      `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = ${soqlString(name)}`,
    ).map((row) => String(row.AssigneeId));
  }
}
