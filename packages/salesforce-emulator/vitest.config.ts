import { packageConfig } from '../../vitest.shared.ts';

export default packageConfig('salesforce-emulator', { testTimeout: 60_000 });
