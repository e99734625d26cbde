import type { SigningCertificate } from './token.js';

/** What the emulator needs to play Lightning: the token service's settings and the widget bundle. */
export interface LightningOptions {
  /**
   * The org's token-signing certificate (Setup > Certificate and Key Management in a real org): its
   * Unique Name, the tokens' `kid`, and its RSA private key. The Attain API gets the public key.
   */
  tokenCertificate: SigningCertificate;
  /** The Attain API's base URL (`Api_Url__c`); a function when the API starts after the emulator. */
  apiUrl: string | (() => string);
  /** Path of the built `attain-widget.js`, served as the `attain_widget` static resource. */
  widgetBundle: string;
  /** Life of a minted token in seconds (default 300, at most 600 like the API accepts). */
  tokenLifetimeSeconds?: number;
}

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;
export const MAX_TOKEN_LIFETIME_SECONDS = 600;
