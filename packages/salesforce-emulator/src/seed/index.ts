/** The seed's one entry point: the generated "Northwind Robotics" org and the names it is known by. */
export { type GenerateOrgOptions, generateOrg, type SeedData } from './generate-org.js';
export { COMPANY_NAME, EMAIL_DOMAIN, INTEGRATION_USERNAME } from './people.js';
