import { SchemaRegistry } from '../../src/schema/registry.js';
import { generateOrg } from '../../src/seed/generate-org.js';
import { INTEGRATION_USERNAME } from '../../src/seed/people.js';
import { Dml } from '../../src/store/dml.js';
import { OrgStore } from '../../src/store/org-store.js';

const schema = SchemaRegistry.load();

/** A small seeded org with a controllable clock, for store and DML tests. */
export function storeFixture(options: { opportunities?: number; now?: Date } = {}) {
  let clock = options.now ?? new Date('2026-03-15T12:00:00.000Z');
  const now = () => clock;
  const store = new OrgStore(schema, { now });
  store.load(generateOrg({ seed: 7, opportunities: options.opportunities ?? 20, today: clock }));
  const integration = [...store.scan('User', false)].find((user) => user.Username === INTEGRATION_USERNAME);
  if (!integration) throw new Error('seed has no integration user');
  const dml = new Dml(store, schema, { now, currentUserId: () => integration.Id });
  return {
    schema,
    store,
    dml,
    integrationUserId: integration.Id,
    setNow(date: Date) {
      clock = date;
    },
    firstLive(objectName: string) {
      const [record] = store.scan(objectName, false);
      if (!record) throw new Error(`no ${objectName}`);
      return record;
    },
  };
}
