import { describe, expect, it, vi } from 'vitest';
import { isSalesforceId } from '../../src/ids.js';
import { SchemaRegistry } from '../../src/schema/registry.js';
import { OPPORTUNITY_STAGES, opportunityStage } from '../../src/schema/standard-objects.js';
import type { SObjectRecord } from '../../src/schema/types.js';
import { generateOrg } from '../../src/seed/generate-org.js';
import { INTEGRATION_USERNAME, salesHeadcount } from '../../src/seed/people.js';

const today = new Date('2026-05-14T15:30:00.000Z');
const OPPS = 2000;
const data = generateOrg({ seed: 7, opportunities: OPPS, today });
const registry = SchemaRegistry.load();

function records(objectName: string): SObjectRecord[] {
  return data.objects[objectName] ?? [];
}
const byId = new Map<string, SObjectRecord>();
for (const list of Object.values(data.objects)) for (const record of list) byId.set(record.Id, record);
const cents = (value: unknown) => Math.round((value as number) * 100);
const groupBy = (list: SObjectRecord[], field: string) => {
  const groups = new Map<string, SObjectRecord[]>();
  for (const record of list) {
    const key = record[field] as string;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return groups;
};
const salesUsers = records('User').filter((u) => u.Department === 'Sales');

describe('generateOrg determinism', () => {
  it('produces the same org for the same seed, count and clock', () => {
    const again = generateOrg({ seed: 7, opportunities: OPPS, today });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it('produces a different org for another seed', () => {
    const other = generateOrg({ seed: 8, opportunities: OPPS, today });
    expect(other.objects.Opportunity?.map((o) => o.Amount)).not.toEqual(records('Opportunity').map((o) => o.Amount));
  });

  it("reads no clock: the same org whatever the machine's date, for the same today", () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-07-01T00:00:00.000Z'));
      const later = JSON.stringify(generateOrg({ seed: 3, opportunities: 50, today }));
      vi.setSystemTime(new Date('2024-02-29T00:00:00.000Z'));
      const earlier = JSON.stringify(generateOrg({ seed: 3, opportunities: 50, today }));
      expect(later).toBe(earlier);
    } finally {
      vi.useRealTimers();
    }
  });

  it('builds the org around its today: moved across a new year, the years and the open deals follow', () => {
    const newYear = new Date('2027-01-06T09:00:00.000Z');
    const org = generateOrg({ seed: 7, opportunities: 300, today: newYear });
    const years = (org.objects.Period ?? []).filter((p) => p.Type === 'Year').map((p) => p.StartDate);
    expect(years).toEqual(['2026-01-01', '2027-01-01']);
    const quotaYears = new Set((org.objects.ForecastingQuota ?? []).map((q) => String(q.StartDate).slice(0, 4)));
    expect([...quotaYears].sort()).toEqual(['2026', '2027']);
    const opportunities = org.objects.Opportunity ?? [];
    for (const o of opportunities) expect(o.CloseDate as string).toMatch(/^202[67]-/);
    const stamps = Object.values(org.objects).flatMap((list) => list.map((r) => String(r.SystemModstamp)));
    expect(stamps.every((stamp) => Date.parse(stamp.replace('+0000', 'Z')) <= newYear.getTime())).toBe(true);
    // Deals of the new quarter are still mostly open; those of the old year mostly closed.
    const share = (list: SObjectRecord[]) => list.filter((o) => o.IsClosed === true).length / list.length;
    const thisQuarter = opportunities.filter((o) => String(o.CloseDate) >= '2027-01-07');
    const lastYear = opportunities.filter((o) => String(o.CloseDate) < '2026-12-01');
    expect(thisQuarter.length).toBeGreaterThan(0);
    expect(share(thisQuarter)).toBeLessThan(0.2);
    expect(share(lastYear)).toBeGreaterThan(0.8);
  });

  it('rejects a negative or fractional opportunity count', () => {
    expect(() => generateOrg({ seed: 1, opportunities: -1, today })).toThrow(RangeError);
    expect(() => generateOrg({ seed: 1, opportunities: 1.5, today })).toThrow(RangeError);
  });
});

describe('records match the schema', () => {
  // These checks visit every value of the org, so they collect problems instead of calling expect per value.
  it('gives every record a valid id whose prefix is its object key prefix, unique across the org', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [objectName, list] of Object.entries(data.objects)) {
      const prefix = registry.get(objectName)?.keyPrefix;
      if (!prefix) problems.push(`${objectName} is not in the schema`);
      for (const record of list) {
        if (!isSalesforceId(record.Id) || record.Id.length !== 18) problems.push(`bad id ${record.Id}`);
        if (record.Id.slice(0, 3) !== prefix) problems.push(`${objectName} ${record.Id} does not start with ${prefix}`);
        if (seen.has(record.Id)) problems.push(`duplicate id ${record.Id}`);
        seen.add(record.Id);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(data.org.id).toBe(records('Organization')[0]?.Id);
  });

  it('uses only fields the schema declares, in their wire formats, with references that resolve', () => {
    const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/;
    const date = /^\d{4}-\d{2}-\d{2}$/;
    const problems: string[] = [];
    for (const [objectName, list] of Object.entries(data.objects)) {
      const fields = new Map(registry.get(objectName)?.fields.map((f) => [f.name, f]));
      const prefixesOf = new Map(
        [...fields.values()].map((f) => [f.name, new Set(f.referenceTo?.map((name) => registry.get(name)?.keyPrefix))]),
      );
      const picklists = new Map(
        [...fields.values()].map((f) => [f.name, new Set(f.picklistValues?.map((v) => v.value))]),
      );
      for (const record of list) {
        for (const fieldName in record) {
          const value = record[fieldName];
          const field = fields.get(fieldName);
          if (!field) {
            problems.push(`${objectName}.${fieldName} is not in the schema`);
            continue;
          }
          if (value === null) continue;
          let ok: boolean;
          switch (field.type) {
            case 'datetime':
              ok = typeof value === 'string' && dateTime.test(value);
              break;
            case 'date':
              ok = typeof value === 'string' && date.test(value);
              break;
            case 'boolean':
              ok = typeof value === 'boolean';
              break;
            case 'currency':
            case 'double':
            case 'percent':
            case 'int':
              ok = Number.isFinite(value);
              break;
            case 'picklist':
              ok = picklists.get(fieldName)?.has(value as string) ?? false;
              break;
            case 'reference':
              ok =
                byId.has(value as string) && (prefixesOf.get(fieldName)?.has((value as string).slice(0, 3)) ?? false);
              break;
            default:
              ok = typeof value === 'string';
          }
          if (!ok) problems.push(`${objectName}.${fieldName} = ${JSON.stringify(value)} is not a valid ${field.type}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('stamps system fields no later than today, created before modified', () => {
    const problems: string[] = [];
    const epoch = (stamp: unknown) => Date.parse((stamp as string).replace('+0000', 'Z'));
    for (const list of Object.values(data.objects)) {
      for (const record of list) {
        const created = epoch(record.CreatedDate);
        const modified = epoch(record.LastModifiedDate);
        if (
          record.IsDeleted !== false ||
          record.SystemModstamp !== record.LastModifiedDate ||
          created > modified ||
          modified > today.getTime()
        ) {
          problems.push(`${record.Id}: ${record.CreatedDate} / ${record.LastModifiedDate} / ${record.SystemModstamp}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe('the sales organization', () => {
  it('has about one salesperson per 40 opportunities, plus admin, rev-ops and integration users', () => {
    expect(salesUsers).toHaveLength(salesHeadcount(OPPS));
    expect(salesUsers.length).toBe(50);
    expect(records('User')).toHaveLength(salesUsers.length + 3);
    const small = generateOrg({ seed: 3, opportunities: 10, today });
    expect(small.objects.User?.filter((u) => u.Department === 'Sales')).toHaveLength(6);
  });

  it('forms one hierarchy: CRO → VPs → managers → AEs', () => {
    const titleOf = (id: unknown) => byId.get(id as string)?.Title;
    const cro = salesUsers.filter((u) => u.Title === 'Chief Revenue Officer');
    expect(cro).toHaveLength(1);
    expect(cro[0]?.ManagerId).toBeNull();
    for (const user of salesUsers) {
      if (user.Title === 'Regional Vice President, Sales')
        expect(titleOf(user.ManagerId)).toBe('Chief Revenue Officer');
      if (user.Title === 'Sales Manager') expect(titleOf(user.ManagerId)).toBe('Regional Vice President, Sales');
      if (String(user.Title).endsWith('Account Executive')) expect(titleOf(user.ManagerId)).toBe('Sales Manager');
    }
    expect(salesUsers.filter((u) => String(u.Title).endsWith('Account Executive')).length).toBeGreaterThan(
      salesUsers.length / 2,
    );
  });

  it('has the integration user and assigns the Attain permission sets', () => {
    const users = records('User');
    const integration = users.find((u) => u.Username === INTEGRATION_USERNAME);
    expect(integration).toBeDefined();
    const setName = new Map(records('PermissionSet').map((p) => [p.Id, p.Name]));
    const setsOf = (userId: string) =>
      records('PermissionSetAssignment')
        .filter((a) => a.AssigneeId === userId)
        .map((a) => setName.get(a.PermissionSetId as string))
        .filter((n) => String(n).startsWith('Attain_'));
    for (const user of salesUsers) expect(setsOf(user.Id), String(user.Title)).toEqual(['Attain_Rep']);
    expect(setsOf(users.find((u) => u.Title === 'Revenue Operations Manager')?.Id ?? '')).toEqual(['Attain_Ops']);
    expect(setsOf(users.find((u) => u.Title === 'Sales Operations Administrator')?.Id ?? '')).toEqual(['Attain_Admin']);
    // Every user also holds their profile's own permission set, as in a real org.
    const profileOwned = records('PermissionSetAssignment').filter(
      (a) => byId.get(a.PermissionSetId as string)?.IsOwnedByProfile,
    );
    expect(profileOwned).toHaveLength(users.length);
  });

  it('sets a round quota per salesperson per quarter of both years', () => {
    const quotas = groupBy(records('ForecastingQuota'), 'QuotaOwnerId');
    expect(quotas.size).toBe(salesUsers.length);
    const quarterStarts = ['01-01', '04-01', '07-01', '10-01'].flatMap((d) => [`2025-${d}`, `2026-${d}`]).sort();
    for (const user of salesUsers) {
      const own = quotas.get(user.Id) ?? [];
      expect(own.map((q) => q.StartDate).sort(), String(user.Name)).toEqual(quarterStarts);
      for (const quota of own) {
        expect(quota.CurrencyIsoCode).toBe(user.DefaultCurrencyIsoCode);
        const step = quota.CurrencyIsoCode === 'JPY' ? 5_000_000 : 25_000;
        expect((quota.QuotaAmount as number) % step, String(quota.QuotaAmount)).toBe(0);
        expect(quota.QuotaAmount as number).toBeGreaterThan(0);
      }
    }
    const q1 = (title: string) =>
      salesUsers
        .filter((u) => u.Title === title && u.DefaultCurrencyIsoCode === 'USD')
        .map((u) => quotas.get(u.Id)?.[0]?.QuotaAmount as number);
    expect(Math.min(...q1('Sales Manager'))).toBeGreaterThan(Math.max(...q1('Account Executive')));
  });
});

describe('currencies', () => {
  it('has USD as corporate currency among USD, EUR, GBP and JPY', () => {
    expect(data.org.currency).toBe('USD');
    expect(records('CurrencyType').map((c) => [c.IsoCode, c.IsCorporate, c.DecimalPlaces])).toEqual([
      ['USD', true, 2],
      ['EUR', false, 2],
      ['GBP', false, 2],
      ['JPY', false, 0],
    ]);
  });

  it('keeps dated rates per quarter as contiguous ranges with plausible values', () => {
    const ranges = { EUR: [0.8, 1.05], GBP: [0.68, 0.9], JPY: [125, 175] } as const;
    for (const [iso, [low, high]] of Object.entries(ranges)) {
      const rows = records('DatedConversionRate').filter((r) => r.IsoCode === iso);
      // 0001-01-01 opening range, then every quarter start up to today (2025 Q1 … 2026 Q2).
      expect(rows.map((r) => r.StartDate)).toEqual([
        '0001-01-01',
        '2025-01-01',
        '2025-04-01',
        '2025-07-01',
        '2025-10-01',
        '2026-01-01',
        '2026-04-01',
      ]);
      expect(rows.map((row) => row.NextStartDate)).toEqual([
        ...rows.slice(1).map((row) => row.StartDate),
        '9999-12-31',
      ]);
      for (const row of rows) {
        expect(row.ConversionRate as number).toBeGreaterThan(low);
        expect(row.ConversionRate as number).toBeLessThan(high);
      }
      expect(new Set(rows.map((r) => r.ConversionRate)).size).toBeGreaterThan(3);
      expect(records('CurrencyType').find((c) => c.IsoCode === iso)?.ConversionRate).toBe(rows.at(-1)?.ConversionRate);
    }
  });
});

describe('opportunities', () => {
  const opportunities = records('Opportunity');
  const lines = groupBy(records('OpportunityLineItem'), 'OpportunityId');
  const splits = groupBy(records('OpportunitySplit'), 'OpportunityId');

  it('spans both calendar years, every stage, mostly USD', () => {
    expect(opportunities).toHaveLength(OPPS);
    for (const opportunity of opportunities) expect(opportunity.CloseDate as string).toMatch(/^202[56]-/);
    expect(new Set(opportunities.map((o) => o.StageName))).toEqual(new Set(OPPORTUNITY_STAGES.map((s) => s.name)));
    const currencies = groupBy(opportunities, 'CurrencyIsoCode');
    expect(currencies.get('USD')?.length ?? 0).toBeGreaterThan(OPPS / 2);
    for (const iso of ['EUR', 'GBP', 'JPY']) expect(currencies.get(iso)?.length ?? 0, iso).toBeGreaterThan(0);
  });

  it('derives IsWon, IsClosed, probability and forecast category from the stage', () => {
    for (const opportunity of opportunities) {
      const stage = opportunityStage(opportunity.StageName as string);
      expect(opportunity.IsWon).toBe(opportunity.StageName === 'Closed Won');
      expect(opportunity.IsClosed).toBe(stage?.isClosed);
      expect(opportunity.Probability).toBe(stage?.probability);
      expect(opportunity.ForecastCategoryName).toBe(stage?.forecastCategoryName);
      if (opportunity.IsClosed) expect((opportunity.CloseDate as string) <= '2026-05-14').toBe(true);
    }
  });

  it('is owned by salespeople and belongs to accounts', () => {
    const sales = new Set(salesUsers.map((u) => u.Id));
    for (const opportunity of opportunities) {
      expect(sales.has(opportunity.OwnerId as string)).toBe(true);
      expect(byId.get(opportunity.AccountId as string)?.Id.startsWith('001')).toBe(true);
    }
  });

  it('has 1–3 line items whose total prices add up to the amount exactly', () => {
    const problems: string[] = [];
    for (const opportunity of opportunities) {
      const items = lines.get(opportunity.Id) ?? [];
      const where = `${opportunity.Id} (${opportunity.Amount} ${opportunity.CurrencyIsoCode})`;
      if (items.length < 1 || items.length > 3) problems.push(`${where} has ${items.length} line items`);
      if (items.reduce((sum, item) => sum + cents(item.TotalPrice), 0) !== cents(opportunity.Amount))
        problems.push(`${where}: lines do not add up`);
      for (const item of items) {
        const entry = byId.get(item.PricebookEntryId as string);
        if (cents(item.TotalPrice) !== (item.Quantity as number) * cents(item.UnitPrice))
          problems.push(`${item.Id}: total ≠ qty × price`);
        if (
          entry?.CurrencyIsoCode !== opportunity.CurrencyIsoCode ||
          item.CurrencyIsoCode !== opportunity.CurrencyIsoCode
        ) {
          problems.push(`${item.Id}: currency differs from its opportunity`);
        }
        if (entry?.Product2Id !== item.Product2Id)
          problems.push(`${item.Id}: product differs from its price book entry`);
      }
      if (opportunity.CurrencyIsoCode === 'JPY' && !Number.isInteger(opportunity.Amount))
        problems.push(`${where}: fractional yen`);
      if (cents(opportunity.Amount) / 100 !== opportunity.Amount) problems.push(`${where}: more than two decimals`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('splits about 15% of won deals among 2–3 reps, exactly 100% and exactly the amount', () => {
    const won = opportunities.filter((o) => o.IsWon);
    const withSplits = won.filter((o) => splits.has(o.Id));
    expect(withSplits.length / won.length).toBeGreaterThan(0.08);
    expect(withSplits.length / won.length).toBeLessThan(0.22);
    for (const [opportunityId, rows] of splits) {
      const opportunity = byId.get(opportunityId);
      expect(opportunity?.IsWon).toBe(true);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.length).toBeLessThanOrEqual(3);
      expect(rows.reduce((sum, s) => sum + (s.SplitPercentage as number), 0)).toBe(100);
      expect(rows.reduce((sum, s) => sum + cents(s.SplitAmount), 0)).toBe(cents(opportunity?.Amount));
      expect(rows.map((s) => s.SplitOwnerId)).toContain(opportunity?.OwnerId);
      expect(new Set(rows.map((s) => s.SplitOwnerId)).size).toBe(rows.length);
      for (const split of rows) expect(split.SplitTypeId).toBe(records('OpportunitySplitType')[0]?.Id);
    }
  });

  it('reads like a real pipeline: named "<Account> — <deal>", log-normal amounts', () => {
    for (const opportunity of opportunities.slice(0, 50)) {
      const account = byId.get(opportunity.AccountId as string);
      expect((opportunity.Name as string).startsWith(`${account?.Name} — `)).toBe(true);
    }
    const usd = opportunities
      .filter((o) => o.CurrencyIsoCode === 'USD')
      .map((o) => o.Amount as number)
      .sort((a, b) => a - b);
    const median = usd[Math.floor(usd.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(20_000);
    expect(median).toBeLessThan(150_000);
    expect(usd.at(-1) ?? 0).toBeGreaterThan(4 * median);
  });
});
