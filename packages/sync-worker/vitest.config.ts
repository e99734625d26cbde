import { packageConfig } from '../../vitest.shared.ts';

export default packageConfig('sync-worker', { testTimeout: 60_000 });
