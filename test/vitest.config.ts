import { packageConfig } from '../vitest.shared.ts';

export default packageConfig('e2e', { testTimeout: 60_000 });
