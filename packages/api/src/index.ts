/**
 * @attain/api: the HTTP API (`attain api`): routes, auth, services, OpenAPI. It reads and writes
 * through @attain/store and @attain/salesforce and never imports the worker. See README.md.
 */

export { type AttainApi, createApp } from './app.js';
export { mintToken, type SigningKey, type TokenKeys, tokenVerifier } from './auth/token.js';
export { API_USAGE, main, runApiCommand } from './cli.js';
export { type ApiConfig, loadApiConfig } from './config.js';
/** The wire format, types only (contract.ts; also `@attain/api/contract`, which the widget imports). */
export type * from './contract.js';
export type { ApiDeps, ApiOptions } from './deps.js';
export { type RunningApi, type StartApiOptions, startApi } from './server.js';
