/**
 * The people of the user switcher, chosen from the seeded org by what Salesforce itself says about
 * them: the rep is an account executive (holding `Attain_Rep`) with open opportunities closing this
 * quarter, so that closing one won shows at once; the manager is the rep's `ManagerId`; a peer is
 * another rep of the same manager (who must not see the first rep); ops holds `Attain_Ops` but not
 * `Attain_Admin`; the admin holds `Attain_Admin` and is not the API-only integration user.
 */
import type { OrgReader } from './org-reader.js';

export const PersonaRole = { rep: 'rep', manager: 'manager', peer: 'peer', ops: 'ops', admin: 'admin' } as const;
export type PersonaRole = (typeof PersonaRole)[keyof typeof PersonaRole];

export interface Persona {
  role: PersonaRole;
  id: string;
  name: string;
  title: string;
}

export const PERSONA_LABELS: Record<PersonaRole, string> = {
  rep: 'Rep',
  manager: 'Manager',
  peer: 'Another rep',
  ops: 'Sales ops',
  admin: 'Admin',
};

function quarterBounds(today: Date): { start: string; end: string } {
  const year = today.getUTCFullYear();
  const quarter = Math.floor(today.getUTCMonth() / 3);
  const start = new Date(Date.UTC(year, quarter * 3, 1));
  const end = new Date(Date.UTC(year, quarter * 3 + 3, 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

export function choosePersonas(reader: OrgReader, integrationUsername: string, today: Date): Persona[] {
  const users = reader.query('SELECT Id, Name, Title, ManagerId, Username FROM User WHERE IsActive = true');
  const byId = new Map(users.map((user) => [String(user.Id), user]));
  const repHolders = new Set(reader.permissionSetHolders('Attain_Rep'));
  const opsHolders = reader.permissionSetHolders('Attain_Ops');
  const adminHolders = reader.permissionSetHolders('Attain_Admin');
  const { start, end } = quarterBounds(today);
  const openThisQuarter = new Map<string, number>();
  for (const row of reader.query(
    `SELECT OwnerId FROM Opportunity WHERE IsClosed = false AND CloseDate >= ${start} AND CloseDate <= ${end}`,
  )) {
    const owner = String(row.OwnerId);
    openThisQuarter.set(owner, (openThisQuarter.get(owner) ?? 0) + 1);
  }
  const isAe = (user: Record<string, unknown>) =>
    repHolders.has(String(user.Id)) && /Account Executive/.test(String(user.Title ?? '')) && Boolean(user.ManagerId);
  const aes = users.filter(isAe);
  const score = (user: Record<string, unknown>) => openThisQuarter.get(String(user.Id)) ?? 0;
  const rep = [...aes].sort(
    (a, b) => score(b) - score(a) || (String(a.Id) < String(b.Id) ? -1 : String(a.Id) > String(b.Id) ? 1 : 0),
  )[0];
  const personas: Persona[] = [];
  const add = (role: PersonaRole, user: Record<string, unknown> | undefined) => {
    if (!user) return;
    personas.push({ role, id: String(user.Id), name: String(user.Name), title: String(user.Title ?? '') });
  };
  add('rep', rep);
  if (rep) {
    add('manager', byId.get(String(rep.ManagerId)));
    const peers = aes.filter((user) => user.Id !== rep.Id);
    add('peer', peers.find((user) => user.ManagerId === rep.ManagerId) ?? peers[0]);
  }
  add('ops', byId.get(opsHolders.find((id) => !adminHolders.includes(id)) ?? ''));
  add(
    'admin',
    adminHolders.map((id) => byId.get(id)).find((user) => user && user.Username !== integrationUsername),
  );
  return personas;
}
