/**
 * Every standard object the emulator knows. The declarations live in two files by theme
 * (org/access/currency/forecasting and sales); this module is the single entry point.
 */
import { ORG_OBJECTS } from './standard-objects-org.js';
import { SALES_OBJECTS } from './standard-objects-sales.js';
import type { ObjectSchema } from './types.js';

export { CORPORATE_CURRENCY, ORG_CURRENCIES } from './field-builders.js';
export { OPPORTUNITY_STAGES, type OpportunityStage, opportunityStage } from './opportunity-stages.js';
export { LANGUAGES, LOCALES, TIME_ZONES } from './standard-objects-org.js';
export {
  ACCOUNT_TYPES,
  INDUSTRIES,
  LEAD_SOURCES,
  OPPORTUNITY_TYPES,
  PRODUCT_FAMILIES,
} from './standard-objects-sales.js';

/**
 * Fresh copies of the standard object schemas. A registry adds child relationships from custom
 * objects to them, so each registry gets its own copies and registries never leak into each other.
 */
export function standardObjects(): ObjectSchema[] {
  return [...ORG_OBJECTS, ...SALES_OBJECTS].map((schema) => structuredClone(schema));
}
