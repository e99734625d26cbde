/**
 * @attain/demo-host (private): the demo's stand-in for Lightning Experience. Pages hosting the Attain
 * widget, a user switcher and the org's "Apex" token service, mounted on the Salesforce emulator
 * through its `extraRoutes` hook, so the emulator itself stays only Salesforce.
 */
export {
  createLightning,
  type Lightning,
  type LightningDeps,
  type LightningOptions,
  mintAttainToken,
  PERSONA_LABELS,
  type Persona,
  PersonaRole,
  type SigningCertificate,
  type TokenGrant,
} from './lightning/index.js';
