/**
 * Standard objects about the org itself: its users and their access, currencies, and forecasting
 * quotas. Field lists follow the Object Reference (API v62.0), trimmed to what an integration
 * plausibly reads; types, required-ness and writability are as describe reports them.
 */
import {
  bool,
  child,
  currencyIsoCode,
  field,
  number,
  ORG_CURRENCIES,
  picklist,
  readOnly,
  reference,
  required,
  standardObject,
  text,
  textArea,
} from './field-builders.js';
import type { ObjectSchema } from './types.js';

/** A sample of Salesforce's TimeZoneSidKey values (the real picklist has ~430 entries). */
export const TIME_ZONES = [
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'GMT',
] as const;
export const LOCALES = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'ja_JP'] as const;
export const LANGUAGES = ['en_US', 'de', 'fr', 'ja'] as const;

const organization = standardObject(
  'Organization',
  'Organization',
  'Organizations',
  '00D',
  [
    text('Name', 'Name', 80, readOnly({ nillable: false })),
    text('Division', 'Division', 80, readOnly()),
    text('Street', 'Street', 255, readOnly()),
    text('City', 'City', 40, readOnly()),
    text('State', 'State/Province', 80, readOnly()),
    text('PostalCode', 'Zip/Postal Code', 20, readOnly()),
    text('Country', 'Country', 80, readOnly()),
    field('Phone', 'phone', 'Phone', readOnly({ length: 40 })),
    picklist(
      'OrganizationType',
      'Edition',
      ['Developer Edition', 'Enterprise Edition', 'Unlimited Edition'],
      readOnly(),
    ),
    text('InstanceName', 'Instance Name', 5, readOnly()),
    bool('IsSandbox', 'Is Sandbox', false, readOnly()),
    // Null outside trial and scratch orgs; `sf` selects it (with the fields above) on every command.
    field('TrialExpirationDate', 'datetime', 'Trial Expiration Date', readOnly()),
    text('NamespacePrefix', 'Namespace Prefix', 15, readOnly()),
    number('FiscalYearStartMonth', 'Fiscal Year Starts In', 'int', 9, 0, readOnly()),
    bool('UsesStartDateAsFiscalYearName', 'Fiscal Year Name by Start', false, readOnly()),
    picklist('DefaultLocaleSidKey', 'Locale', LOCALES, readOnly({ nillable: false })),
    picklist('LanguageLocaleKey', 'Language', LANGUAGES, readOnly({ nillable: false })),
    picklist('TimeZoneSidKey', 'Time Zone', TIME_ZONES, readOnly({ nillable: false })),
    picklist('DefaultCurrencyIsoCode', 'Currency Locale', ORG_CURRENCIES, readOnly()),
  ],
  { createable: false, updateable: false, deletable: false },
);

const user = standardObject(
  'User',
  'User',
  'Users',
  '005',
  [
    text('Username', 'Username', 80, required({ unique: true })),
    text('LastName', 'Last Name', 80, required()),
    text('FirstName', 'First Name', 40),
    text('Name', 'Full Name', 121, readOnly({ nillable: false })),
    text('CompanyName', 'Company Name', 80),
    text('Division', 'Division', 80),
    text('Department', 'Department', 80),
    text('Title', 'Title', 80),
    text('City', 'City', 40),
    text('Country', 'Country', 80),
    field('Email', 'email', 'Email', required({ length: 128 })),
    field('Phone', 'phone', 'Phone', { length: 40 }),
    text('Alias', 'Alias', 8, required()),
    text('CommunityNickname', 'Nickname', 40, required({ unique: true })),
    bool('IsActive', 'Active', true),
    reference('ManagerId', 'Manager ID', 'User', 'Manager'),
    reference('UserRoleId', 'Role ID', 'UserRole', 'UserRole'),
    reference('ProfileId', 'Profile ID', 'Profile', 'Profile', required()),
    picklist('UserType', 'User Type', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'], readOnly()),
    text('EmployeeNumber', 'Employee Number', 20),
    text('FederationIdentifier', 'SAML Federation ID', 512),
    picklist('TimeZoneSidKey', 'Time Zone', TIME_ZONES, required()),
    picklist('LocaleSidKey', 'Locale', LOCALES, required()),
    picklist('EmailEncodingKey', 'Email Encoding', ['UTF-8', 'ISO-8859-1'], required()),
    picklist('LanguageLocaleKey', 'Language', LANGUAGES, required()),
    picklist('DefaultCurrencyIsoCode', 'Default Currency ISO Code', ORG_CURRENCIES, required()),
    currencyIsoCode(),
    field('LastLoginDate', 'datetime', 'Last Login', readOnly()),
  ],
  {
    deletable: false,
    childRelationships: [
      child('ManagedUsers', 'User', 'ManagerId'),
      child('PermissionSetAssignments', 'PermissionSetAssignment', 'AssigneeId', true),
    ],
  },
);

const profile = standardObject(
  'Profile',
  'Profile',
  'Profile',
  '00e',
  [
    text('Name', 'Name', 255, required()),
    textArea('Description', 'Description', 255),
    picklist('UserType', 'User Type', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'], readOnly()),
  ],
  { createable: false, updateable: false, deletable: false, childRelationships: [child('Users', 'User', 'ProfileId')] },
);

const userRole = standardObject(
  'UserRole',
  'Role',
  'Roles',
  '00E',
  [
    text('Name', 'Name', 80, required()),
    text('DeveloperName', 'Developer Name', 80, required()),
    reference('ParentRoleId', 'Parent Role ID', 'UserRole', 'ParentRole'),
    text('RollupDescription', 'Description', 80),
    picklist('OpportunityAccessForAccountOwner', 'Opportunity Access for Account Owner', ['None', 'Read', 'Edit'], {
      defaultValue: 'None',
    }),
  ],
  { childRelationships: [child('Users', 'User', 'UserRoleId')] },
);

const permissionSet = standardObject(
  'PermissionSet',
  'Permission Set',
  'Permission Sets',
  '0PS',
  [
    text('Name', 'Name', 80, required()),
    text('Label', 'Label', 80, required()),
    textArea('Description', 'Description', 255),
    bool('IsOwnedByProfile', 'Is Owned By Profile', false, readOnly()),
    bool('IsCustom', 'Custom', true, readOnly()),
    reference('ProfileId', 'Profile ID', 'Profile', 'Profile', readOnly()),
    text('NamespacePrefix', 'Namespace Prefix', 15, readOnly()),
    picklist('Type', 'Type', ['Regular', 'Group', 'Profile', 'Session'], readOnly()),
  ],
  { childRelationships: [child('Assignments', 'PermissionSetAssignment', 'PermissionSetId', true)] },
);

const permissionSetAssignment = standardObject(
  'PermissionSetAssignment',
  'Permission Set Assignment',
  'Permission Set Assignments',
  '0Pa',
  [
    reference('AssigneeId', 'Assignee ID', 'User', 'Assignee', required({ updateable: false })),
    reference(
      'PermissionSetId',
      'Permission Set ID',
      'PermissionSet',
      'PermissionSet',
      required({ updateable: false }),
    ),
    bool('IsActive', 'Active', true, readOnly()),
    field('ExpirationDate', 'datetime', 'Expiration Date'),
  ],
);

const currencyType = standardObject(
  'CurrencyType',
  'Currency',
  'Currencies',
  '02c',
  [
    picklist('IsoCode', 'Currency ISO Code', ORG_CURRENCIES, required({ updateable: false, length: 3 })),
    number('ConversionRate', 'Conversion Rate', 'double', 18, 6, required()),
    number('DecimalPlaces', 'Decimal Places', 'int', 9, 0, required()),
    bool('IsActive', 'Active', true),
    bool('IsCorporate', 'Corporate', false, readOnly()),
  ],
  { deletable: false },
);

const datedConversionRate = standardObject(
  'DatedConversionRate',
  'Dated Exchange Rate',
  'Dated Exchange Rates',
  '04w',
  [
    picklist('IsoCode', 'Currency ISO Code', ORG_CURRENCIES, required({ updateable: false, length: 3 })),
    number('ConversionRate', 'Conversion Rate', 'double', 18, 6, required()),
    field('StartDate', 'date', 'Start Date', required()),
    field('NextStartDate', 'date', 'Next Start Date', readOnly()),
  ],
);

const period = standardObject(
  'Period',
  'Period',
  'Periods',
  '026',
  [
    picklist('Type', 'Type', ['Month', 'Quarter', 'Week', 'Year'], readOnly()),
    field('StartDate', 'date', 'Start Date', readOnly({ nillable: false })),
    field('EndDate', 'date', 'End Date', readOnly({ nillable: false })),
    number('Number', 'Number', 'int', 9, 0, readOnly()),
    text('FullyQualifiedLabel', 'Fully Qualified Label', 80, readOnly()),
    text('QuarterLabel', 'Quarter Label', 80, readOnly()),
    text('PeriodLabel', 'Period Label', 80, readOnly()),
    bool('IsForecastPeriod', 'Is Forecast Period', false, readOnly()),
  ],
  { createable: false, updateable: false, deletable: false },
);

const forecastingType = standardObject(
  'ForecastingType',
  'Forecasting Type',
  'Forecasting Types',
  '0Db',
  [
    text('DeveloperName', 'Developer Name', 80, readOnly({ nillable: false })),
    text('MasterLabel', 'Label', 80, readOnly({ nillable: false })),
    bool('IsActive', 'Active', true, readOnly()),
    bool('IsAmount', 'Is Amount', true, readOnly()),
    bool('IsQuantity', 'Is Quantity', false, readOnly()),
    picklist('RoleType', 'Role Type', ['R', 'T', 'O'], readOnly()),
    reference(
      'OpportunitySplitTypeId',
      'Opportunity Split Type ID',
      'OpportunitySplitType',
      'OpportunitySplitType',
      readOnly(),
    ),
  ],
  { createable: false, updateable: false, deletable: false },
);

const forecastingQuota = standardObject('ForecastingQuota', 'Forecasting Quota', 'Forecasting Quotas', '0J9', [
  reference('QuotaOwnerId', 'Quota Owner ID', 'User', 'QuotaOwner', required()),
  number('QuotaAmount', 'Quota Amount', 'currency', 18, 2),
  number('QuotaQuantity', 'Quota Quantity', 'double', 18, 2),
  field('StartDate', 'date', 'Start Date', required()),
  reference('PeriodId', 'Period ID', 'Period', 'Period'),
  reference('ForecastingTypeId', 'Forecasting Type ID', 'ForecastingType', 'ForecastingType'),
  bool('IsAmount', 'Is Amount', true),
  bool('IsQuantity', 'Is Quantity', false),
  text('ProductFamily', 'Product Family', 40),
  currencyIsoCode(),
]);

export const ORG_OBJECTS: readonly ObjectSchema[] = [
  organization,
  user,
  profile,
  userRole,
  permissionSet,
  permissionSetAssignment,
  currencyType,
  datedConversionRate,
  period,
  forecastingType,
  forecastingQuota,
];
