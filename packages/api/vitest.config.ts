import { packageConfig } from '../../vitest.shared.ts';

export default packageConfig('api', { testTimeout: 60_000 });
