/**
 * The benchmark's data, loaded into Redis through the worker's store modules (from `dist/`): 5,000
 * reps under 500 managers in the directory, one quarterly plan (a marginal accelerator, a per-deal
 * Services bonus and a gated club bonus), assignments, quotas for the four quarters of 2026, 24 won
 * deals a rep (one in ten split with a teammate), and every statement the engine computes from them
 * — what the worker would have stored after a full sync. Deterministic: the same data every run.
 */
const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const DEALS_PER_REP = 24;
const REPS_PER_MANAGER = 10;

/** A small deterministic PRNG (mulberry32): the same data on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 18-character ids with the right checksum, from a prefix and a number. */
function userId(prefix, n) {
  const id15 = `005${prefix}${String(n).padStart(11, '0')}`.slice(0, 15);
  return to18(id15);
}

function to18(id) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += alphabet.charAt(bits);
  }
  return id + suffix;
}

export async function loadData({ url, worker, engine, Redis, reps: REPS, namespace: NAMESPACE }) {
  const redis = new Redis(url, { enableAutoPipelining: true });
  const store = worker.createStore(redis, NAMESPACE);
  const random = prng(42);
  const managers = Array.from({ length: Math.ceil(REPS / REPS_PER_MANAGER) }, (_, i) => userId('M', i));
  const reps = Array.from({ length: REPS }, (_, i) => userId('R', i));
  await store.directory.replace({
    users: [
      ...managers.map((id, i) => ({ id, name: `Manager ${i}`, email: null, managerId: null, isActive: true })),
      ...reps.map((id, i) => ({
        id,
        name: `Rep ${i}`,
        email: null,
        managerId: managers[Math.floor(i / REPS_PER_MANAGER)],
        isActive: true,
      })),
    ],
    permissionSets: {},
    syncedAt: new Date().toISOString(),
  });
  const plan = await store.inputs.putPlan({
    id: 'ae-2026',
    name: 'Account Executive 2026',
    currency: 'USD',
    period: 'quarter',
    components: [
      {
        id: 'base',
        type: 'tiered',
        basis: 'attainment',
        mode: 'marginal',
        tiers: [{ upTo: '0.5', rate: '0.03' }, { upTo: '1', rate: '0.05' }, { rate: '0.08' }],
      },
      {
        id: 'services',
        type: 'bonus',
        per: 'deal',
        amount: '250',
        filter: { field: 'fields.family', op: 'eq', value: 'Services' },
      },
      { id: 'club', type: 'bonus', per: 'period', amount: '2500', minAttainment: '1' },
    ],
  });
  if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
  const assigned = await store.inputs.setAssignments(
    reps.map((repId) => ({ repId, planId: 'ae-2026', from: '2026-01-01' })),
  );
  if (!assigned.ok) throw new Error(JSON.stringify(assigned.issues));
  const quotas = reps.flatMap((repId) =>
    QUARTERS.map((period) => ({ repId, period, amount: String(100_000 + Math.floor(random() * 5) * 25_000) })),
  );
  const savedQuotas = await store.inputs.setQuotas(quotas);
  if (!savedQuotas.ok) throw new Error(JSON.stringify(savedQuotas.issues));

  const deals = [];
  const families = ['Software', 'Software', 'Services', 'Hardware'];
  reps.forEach((repId, r) => {
    for (let d = 0; d < DEALS_PER_REP; d++) {
      const month = String(1 + Math.floor((d / DEALS_PER_REP) * 12)).padStart(2, '0');
      const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
      const teammate = reps[(r + 1) % reps.length];
      const split = random() < 0.1;
      deals.push({
        id: `006B${String(r).padStart(6, '0')}${String(d).padStart(4, '0')}`,
        ownerId: repId,
        amount: (5_000 + Math.floor(random() * 9_000_000) / 100).toFixed(2),
        closeDate: `2026-${month}-${day}`,
        won: true,
        fields: { family: families[Math.floor(random() * families.length)] },
        ...(split
          ? {
              splits: [
                { repId, percent: '60' },
                { repId: teammate, percent: '40' },
              ],
            }
          : {}),
      });
    }
  });
  const input = await store.inputs.engineInput(deals);
  if (!input.ok) throw new Error(JSON.stringify(input.issues.slice(0, 3)));
  for (let start = 0; start < deals.length; start += 2000) {
    await store.deals.upsertMany(
      input.value.deals
        .slice(start, start + 2000)
        .map((deal) => ({ deal, keys: engine.statementKeysOf(input.value, deal) })),
    );
  }
  const computed = engine.compute(input.value);
  // Statements grouped by (rep, period), as the worker stores them.
  const byKey = new Map();
  for (const statement of computed.statements) {
    const key = worker.statementKeyText(statement);
    const entry = byKey.get(key) ?? { key: { repId: statement.repId, period: statement.period }, statements: [] };
    entry.statements.push(statement);
    byKey.set(key, entry);
  }
  const puts = [];
  for (const { key, statements } of byKey.values()) {
    puts.push(store.statements.put(key, statements, []));
    if (puts.length >= 1000) await Promise.all(puts.splice(0));
  }
  await Promise.all(puts);
  // The worker would have cleared these; the API only reads.
  await store.deals.clearAllDirty();
  await store.statements.clearAllPending();
  await store.deals.setIndexedGeneration(await store.inputs.generation());
  await redis.quit();
  return { reps, counts: { reps: REPS, managers: managers.length, deals: deals.length, statementKeys: byKey.size } };
}
