// The demo company's compensation set-up, loaded through the sync worker's store (what an admin
// import does): one USD quarterly plan for every salesperson (an attainment accelerator in four
// tiers, a Services percent, a new-business bonus), quotas read from Salesforce's ForecastingQuota,
// and a field mapping with currencies, revenue splits, the deal type and the product family.
import { executeSoql } from '@attain/salesforce-emulator';
import { SEEDED_MAPPING } from '@attain/test-kit';

export const DEMO_PLAN = {
  id: 'ae-2026',
  name: 'Account Executive 2026',
  currency: 'USD',
  period: 'quarter',
  components: [
    {
      id: 'quota-accelerator',
      type: 'tiered',
      basis: 'attainment',
      mode: 'marginal',
      tiers: [
        { upTo: '0.5', rate: '0.04' },
        { upTo: '1', rate: '0.07' },
        { upTo: '1.5', rate: '0.1' },
        { rate: '0.12' },
      ],
    },
    {
      id: 'services',
      type: 'percent',
      filter: { field: 'fields.family', op: 'eq', value: 'Services' },
      rate: '0.02',
    },
    {
      id: 'new-business',
      type: 'bonus',
      per: 'deal',
      filter: { field: 'fields.type', op: 'eq', value: 'New Business' },
      amount: '500',
    },
  ],
};

/** The seeded org's mapping (the tests' and benchmarks'), with quotas read from ForecastingQuota. */
export const DEMO_MAPPING = {
  ...SEEDED_MAPPING,
  quotas: { source: 'ForecastingQuota', forecastingType: 'OpportunityRevenue' },
};

/** Everyone holding Attain_Rep (salespeople and their managers) is on the plan. */
export async function loadDemoCompany(store, emulator) {
  const holders = executeSoql(
    "SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = 'Attain_Rep'",
    emulator.store,
    { includeDeleted: false, apiVersion: '62.0' },
  ).records.map((row) => String(row.AssigneeId));
  const plan = await store.inputs.putPlan(DEMO_PLAN);
  if (!plan.ok) throw new Error(`demo plan: ${JSON.stringify(plan.issues)}`);
  const assigned = await store.inputs.setAssignments(
    holders.map((repId) => ({ repId, planId: DEMO_PLAN.id, from: '2000-01-01' })),
  );
  if (!assigned.ok) throw new Error(`demo assignments: ${JSON.stringify(assigned.issues)}`);
  await store.mapping.save(DEMO_MAPPING, 'demo-setup');
  return { reps: holders.length };
}
