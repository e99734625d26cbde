/**
 * Build-time constants (Vite `define`). `closed` in the production bundle, as Lightning Web Security
 * requires; the browser tests build with `open` so that role and label queries can reach the content.
 */
declare const __ATTAIN_SHADOW_MODE__: ShadowRootMode;
