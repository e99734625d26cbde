/**
 * The company's people and their access: profiles, a role hierarchy, the sales organization
 * (CRO → regional VPs → sales managers → account executives), three back-office users, and the
 * Attain permission sets with their assignments.
 */
import { to15 } from '../ids.js';
import { DAY_MS, slug } from './format.js';
import type { SeedContext } from './seed-context.js';
import { FIRST_NAMES, LAST_NAMES } from './word-lists.js';

export const COMPANY_NAME = 'Northwind Robotics';
export const EMAIL_DOMAIN = 'northwindrobotics.com';
export const INTEGRATION_USERNAME = `attain.integration@${EMAIL_DOMAIN}`;

interface Region {
  name: string;
  currency: 'USD' | 'EUR' | 'GBP' | 'JPY';
  timeZone: string;
  locale: string;
  city: string;
  country: string;
}

const HQ: Region = {
  name: 'Headquarters',
  currency: 'USD',
  timeZone: 'America/Los_Angeles',
  locale: 'en_US',
  city: 'Seattle',
  country: 'United States',
};

/** VPs take regions in this order, so small orgs are US-only and larger ones go international. */
const REGIONS: readonly Region[] = [
  {
    name: 'North America East',
    currency: 'USD',
    timeZone: 'America/New_York',
    locale: 'en_US',
    city: 'Boston',
    country: 'United States',
  },
  {
    name: 'North America West',
    currency: 'USD',
    timeZone: 'America/Los_Angeles',
    locale: 'en_US',
    city: 'Seattle',
    country: 'United States',
  },
  { name: 'EMEA', currency: 'EUR', timeZone: 'Europe/Berlin', locale: 'de_DE', city: 'Munich', country: 'Germany' },
  {
    name: 'North America Central',
    currency: 'USD',
    timeZone: 'America/Chicago',
    locale: 'en_US',
    city: 'Chicago',
    country: 'United States',
  },
  {
    name: 'UK & Ireland',
    currency: 'GBP',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    city: 'London',
    country: 'United Kingdom',
  },
  { name: 'Japan', currency: 'JPY', timeZone: 'Asia/Tokyo', locale: 'ja_JP', city: 'Tokyo', country: 'Japan' },
  {
    name: 'APAC',
    currency: 'USD',
    timeZone: 'Asia/Singapore',
    locale: 'en_US',
    city: 'Singapore',
    country: 'Singapore',
  },
  {
    name: 'LATAM',
    currency: 'USD',
    timeZone: 'America/Sao_Paulo',
    locale: 'en_US',
    city: 'São Paulo',
    country: 'Brazil',
  },
];

export type SalesLevel = 'cro' | 'vp' | 'manager' | 'ae';

export interface SalesPerson {
  id: string;
  level: SalesLevel;
  managerId: string | undefined;
  currency: Region['currency'];
  /** Quarterly quota in USD for the first seeded year (roll-ups for managers, VPs and the CRO). */
  quarterlyQuotaUsd: number;
  /** Index of the manager's team (AEs and managers), for picking split partners close by. */
  team: number;
}

export interface People {
  integrationUserId: string;
  adminUserId: string;
  revOpsUserId: string;
  sales: SalesPerson[];
  aes: SalesPerson[];
  /** AEs grouped by team index. */
  teams: SalesPerson[][];
}

const AE_TITLES = [
  { title: 'Account Executive', quota: 200_000 },
  { title: 'Senior Account Executive', quota: 300_000 },
  { title: 'Enterprise Account Executive', quota: 400_000 },
] as const;

/** About one salesperson per 40 opportunities, at least six: CRO, a VP, a manager and three AEs. */
export function salesHeadcount(opportunities: number): number {
  return Math.max(6, Math.round(opportunities / 40));
}

export function generatePeople(ctx: SeedContext, opportunities: number): People {
  const { rng } = ctx;
  const total = salesHeadcount(opportunities);
  const managerCount = Math.max(1, Math.round(total / 7));
  const vpCount = Math.max(1, Math.round(managerCount / 5));
  const aeCount = total - 1 - vpCount - managerCount;

  const usedUsernames = new Set<string>();
  // Pre-issue ids: the first user (the admin) creates everyone, including themself.
  const adminUserId = ctx.newId('User');
  const audit = (days: number) => ({ created: ctx.jitter(ctx.setupTime + days * DAY_MS, 8), createdBy: adminUserId });

  const profileSets = new Map<string, string>();
  const profiles = {
    admin: profile(ctx, 'System Administrator', adminUserId, profileSets),
    standard: profile(ctx, 'Standard User', adminUserId, profileSets),
    integration: profile(ctx, 'Minimum Access - API Only Integrations', adminUserId, profileSets),
  };

  const role = (name: string, parentId: string | undefined): string =>
    ctx.add(
      'UserRole',
      {
        Id: ctx.newId('UserRole'),
        Name: name,
        DeveloperName: slug(name, '_').replace(/^./, (c) => c.toUpperCase()),
        ParentRoleId: parentId ?? null,
        RollupDescription: name,
        OpportunityAccessForAccountOwner: 'Read',
      },
      { created: ctx.setupTime, createdBy: adminUserId },
    ).Id;

  const user = (
    first: string,
    last: string,
    fields: {
      title: string;
      department: string;
      region: Region;
      roleId: string | null;
      managerId: string | null;
      profileId: string;
    },
    days: number,
    options: { id?: string; username?: string } = {},
  ): string => {
    let username = options.username ?? `${slug(first)}.${slug(last)}@${EMAIL_DOMAIN}`;
    for (let n = 2; usedUsernames.has(username); n++) username = `${slug(first)}.${slug(last)}${n}@${EMAIL_DOMAIN}`;
    usedUsernames.add(username);
    const local = username.slice(0, username.indexOf('@'));
    const { region } = fields;
    return ctx.add(
      'User',
      {
        Id: options.id ?? ctx.newId('User'),
        Username: username,
        FirstName: first,
        LastName: last,
        Name: `${first} ${last}`,
        CompanyName: COMPANY_NAME,
        Division: region.name,
        Department: fields.department,
        Title: fields.title,
        City: region.city,
        Country: region.country,
        Email: username,
        Alias: slug(`${first.slice(0, 1)}${last}`).slice(0, 8),
        CommunityNickname: local,
        IsActive: true,
        ManagerId: fields.managerId,
        UserRoleId: fields.roleId,
        ProfileId: fields.profileId,
        UserType: 'Standard',
        EmployeeNumber: `NW-${String(usedUsernames.size).padStart(5, '0')}`,
        TimeZoneSidKey: region.timeZone,
        LocaleSidKey: region.locale,
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        DefaultCurrencyIsoCode: region.currency,
        CurrencyIsoCode: region.currency,
        LastLoginDate: null,
      },
      audit(days),
    ).Id;
  };
  const person = (): [string, string] => [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];

  const croRole = role('Chief Revenue Officer', undefined);
  const opsRole = role('Sales Operations', croRole);
  const hq = (title: string, department: string, roleId: string | null, profileId: string) => ({
    title,
    department,
    region: HQ,
    roleId,
    managerId: null,
    profileId,
  });

  user('Dana', 'Whitfield', hq('Sales Operations Administrator', 'Sales Operations', opsRole, profiles.admin), 0, {
    id: adminUserId,
  });
  const croId = user(...person(), hq('Chief Revenue Officer', 'Sales', croRole, profiles.standard), 1);
  const revOpsUserId = user(
    ...person(),
    hq('Revenue Operations Manager', 'Revenue Operations', opsRole, profiles.standard),
    2,
  );
  const integrationUserId = user('Attain', 'Integration', hq('Integration User', 'IT', null, profiles.integration), 3, {
    username: INTEGRATION_USERNAME,
  });

  const cro: SalesPerson = {
    id: croId,
    level: 'cro',
    managerId: undefined,
    currency: 'USD',
    quarterlyQuotaUsd: 0,
    team: -1,
  };
  const vps: SalesPerson[] = [];
  const vpRegions: Region[] = [];
  const vpRoles: string[] = [];
  for (let v = 0; v < vpCount; v++) {
    const base = REGIONS[v % REGIONS.length] as Region;
    const region = v < REGIONS.length ? base : { ...base, name: `${base.name} ${Math.floor(v / REGIONS.length) + 1}` };
    const roleId = role(`VP Sales, ${region.name}`, croRole);
    const id = user(
      ...person(),
      {
        title: 'Regional Vice President, Sales',
        department: 'Sales',
        region,
        roleId,
        managerId: croId,
        profileId: profiles.standard,
      },
      4,
    );
    vps.push({ id, level: 'vp', managerId: croId, currency: region.currency, quarterlyQuotaUsd: 0, team: -1 });
    vpRegions.push(region);
    vpRoles.push(roleId);
  }

  const managers: SalesPerson[] = [];
  const teamRoles: string[] = [];
  const teamRegions: Region[] = [];
  for (let m = 0; m < managerCount; m++) {
    const vp = vps[m % vpCount] as SalesPerson;
    const region = vpRegions[m % vpCount] as Region;
    const teamNumber = Math.floor(m / vpCount) + 1;
    const roleId = role(`Sales Manager, ${region.name} ${teamNumber}`, vpRoles[m % vpCount]);
    const id = user(
      ...person(),
      { title: 'Sales Manager', department: 'Sales', region, roleId, managerId: vp.id, profileId: profiles.standard },
      6,
    );
    managers.push({ id, level: 'manager', managerId: vp.id, currency: region.currency, quarterlyQuotaUsd: 0, team: m });
    teamRoles.push(role(`Account Executive, ${region.name} ${teamNumber}`, roleId));
    teamRegions.push(region);
  }

  const aes: SalesPerson[] = [];
  const teams: SalesPerson[][] = managers.map(() => []);
  for (let a = 0; a < aeCount; a++) {
    const team = a % managerCount;
    const manager = managers[team] as SalesPerson;
    const region = teamRegions[team] as Region;
    const grade = rng.weighted(AE_TITLES, [5, 3, 1]);
    const id = user(
      ...person(),
      {
        title: grade.title,
        department: 'Sales',
        region,
        roleId: teamRoles[team] ?? null,
        managerId: manager.id,
        profileId: profiles.standard,
      },
      8 + rng.int(0, 20),
    );
    const ae: SalesPerson = {
      id,
      level: 'ae',
      managerId: manager.id,
      currency: region.currency,
      quarterlyQuotaUsd: grade.quota,
      team,
    };
    aes.push(ae);
    teams[team]?.push(ae);
  }

  // Leaders carry their organization's number: the sum of their direct reports' quotas.
  for (const manager of managers) manager.quarterlyQuotaUsd = sumQuota(teams[manager.team] ?? []);
  vps.forEach((vp, v) => {
    vp.quarterlyQuotaUsd = sumQuota(managers.filter((_, m) => m % vpCount === v));
  });
  cro.quarterlyQuotaUsd = sumQuota(vps);

  const sales = [cro, ...vps, ...managers, ...aes];
  assignPermissionSets(ctx, profileSets, { adminUserId, revOpsUserId, integrationUserId, sales });
  return { integrationUserId, adminUserId, revOpsUserId, sales, aes, teams };
}

function sumQuota(people: readonly SalesPerson[]): number {
  return people.reduce((sum, p) => sum + p.quarterlyQuotaUsd, 0);
}

/** A profile and the permission set every profile owns (real orgs list those among PermissionSets). */
function profile(ctx: SeedContext, name: string, adminUserId: string, ownedSets: Map<string, string>): string {
  const at = { created: ctx.setupTime, createdBy: adminUserId };
  const id = ctx.add(
    'Profile',
    { Id: ctx.newId('Profile'), Name: name, Description: null, UserType: 'Standard' },
    at,
  ).Id;
  const permissionSetId = ctx.add(
    'PermissionSet',
    {
      Id: ctx.newId('PermissionSet'),
      Name: `X${to15(id)}`,
      Label: id,
      Description: null,
      IsOwnedByProfile: true,
      IsCustom: false,
      ProfileId: id,
      NamespacePrefix: null,
      Type: 'Profile',
    },
    at,
  ).Id;
  ownedSets.set(id, permissionSetId);
  return id;
}

function assignPermissionSets(
  ctx: SeedContext,
  profileSets: Map<string, string>,
  people: { adminUserId: string; revOpsUserId: string; integrationUserId: string; sales: SalesPerson[] },
): void {
  const at = { created: ctx.setupTime + 30 * DAY_MS, createdBy: people.adminUserId };
  const attainSet = (name: string, label: string, description: string) =>
    ctx.add(
      'PermissionSet',
      {
        Id: ctx.newId('PermissionSet'),
        Name: name,
        Label: label,
        Description: description,
        IsOwnedByProfile: false,
        IsCustom: true,
        ProfileId: null,
        NamespacePrefix: null,
        Type: 'Regular',
      },
      at,
    ).Id;
  const rep = attainSet('Attain_Rep', 'Attain Rep', 'Read own commissions and statements.');
  const ops = attainSet('Attain_Ops', 'Attain Ops', 'Read every commission and statement.');
  const admin = attainSet('Attain_Admin', 'Attain Admin', 'Full access to commissions and statements.');

  const assign = (assigneeId: string, permissionSetId: string, created: number) =>
    ctx.add(
      'PermissionSetAssignment',
      {
        Id: ctx.newId('PermissionSetAssignment'),
        AssigneeId: assigneeId,
        PermissionSetId: permissionSetId,
        IsActive: true,
        ExpirationDate: null,
      },
      { created, createdBy: people.adminUserId },
    );

  // Every user holds their profile's permission set, as in a real org.
  for (const user of ctx.objects.User ?? []) {
    const profileSet = profileSets.get(user.ProfileId as string);
    if (profileSet) assign(user.Id, profileSet, Date.parse(String(user.CreatedDate).replace('+0000', 'Z')));
  }
  for (const person of people.sales) assign(person.id, rep, at.created);
  assign(people.revOpsUserId, ops, at.created);
  assign(people.adminUserId, admin, at.created);
  // The API user writes Commission__c records, so it needs the full-access set.
  assign(people.integrationUserId, admin, at.created);
}
