export { createLightning, type Lightning, type LightningDeps } from './lightning-router.js';
export type { LightningOptions } from './options.js';
export { PERSONA_LABELS, type Persona, PersonaRole } from './personas.js';
export { mintAttainToken, type SigningCertificate, type TokenGrant } from './token.js';
