import { packageConfig } from '../../vitest.shared.ts';

export default packageConfig('store', { testTimeout: 60_000 });
