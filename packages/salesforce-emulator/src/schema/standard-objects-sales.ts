/**
 * The standard sales objects: accounts, opportunities with their line items and splits, products and
 * price books. Field lists follow the Object Reference (API v62.0); derived fields (IsWon, IsClosed,
 * ExpectedRevenue, SplitAmount, TotalPrice on insert…) are not createable, as in a real org.
 */
import {
  bool,
  child,
  currencyIsoCode,
  field,
  number,
  picklist,
  readOnly,
  reference,
  required,
  standardObject,
  text,
  textArea,
} from './field-builders.js';
import { FORECAST_CATEGORIES, FORECAST_CATEGORY_NAMES, OPPORTUNITY_STAGES } from './opportunity-stages.js';
import { contactObject } from './standard-objects-contacts.js';
import type { ObjectSchema } from './types.js';

export const OPPORTUNITY_TYPES = ['New Business', 'Existing Business', 'Renewal'] as const;
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] as const;
export const PRODUCT_FAMILIES = ['Software', 'Services', 'Hardware', 'Support'] as const;
export const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
] as const;
export const INDUSTRIES = [
  'Agriculture',
  'Banking',
  'Chemicals',
  'Communications',
  'Construction',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Finance',
  'Healthcare',
  'Insurance',
  'Manufacturing',
  'Media',
  'Retail',
  'Technology',
  'Transportation',
  'Utilities',
  'Other',
] as const;

const ownerField = reference('OwnerId', 'Owner ID', 'User', 'Owner', { nillable: false });

const account = standardObject(
  'Account',
  'Account',
  'Accounts',
  '001',
  [
    text('Name', 'Account Name', 255, required()),
    text('AccountNumber', 'Account Number', 40),
    picklist('Type', 'Account Type', ACCOUNT_TYPES),
    reference('ParentId', 'Parent Account ID', 'Account', 'Parent'),
    picklist('Industry', 'Industry', INDUSTRIES),
    number('AnnualRevenue', 'Annual Revenue', 'currency', 18, 0),
    number('NumberOfEmployees', 'Employees', 'int', 8, 0),
    text('BillingStreet', 'Billing Street', 255),
    text('BillingCity', 'Billing City', 40),
    text('BillingState', 'Billing State/Province', 80),
    text('BillingPostalCode', 'Billing Zip/Postal Code', 20),
    text('BillingCountry', 'Billing Country', 80),
    textArea('ShippingStreet', 'Shipping Street', 255),
    text('ShippingCity', 'Shipping City', 40),
    text('ShippingState', 'Shipping State/Province', 80),
    text('ShippingPostalCode', 'Shipping Zip/Postal Code', 20),
    text('ShippingCountry', 'Shipping Country', 80),
    field('Phone', 'phone', 'Account Phone', { length: 40 }),
    field('Fax', 'phone', 'Account Fax', { length: 40 }),
    field('Website', 'url', 'Website', { length: 255 }),
    text('Sic', 'SIC Code', 20),
    text('SicDesc', 'SIC Description', 80),
    picklist('Ownership', 'Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
    text('TickerSymbol', 'Ticker Symbol', 20),
    picklist('Rating', 'Account Rating', ['Hot', 'Warm', 'Cold']),
    text('Site', 'Account Site', 80),
    picklist('AccountSource', 'Account Source', LEAD_SOURCES),
    text('Jigsaw', 'Data.com Key', 20),
    text('JigsawCompanyId', 'Jigsaw Company ID', 20, readOnly()),
    textArea('Description', 'Account Description', 32000),
    ownerField,
    currencyIsoCode(),
  ],
  {
    sharingModel: 'ReadWrite',
    childRelationships: [
      child('ChildAccounts', 'Account', 'ParentId'),
      // Deleting an account deletes its contacts, as in Salesforce.
      child('Contacts', 'Contact', 'AccountId', true),
      child('Opportunities', 'Opportunity', 'AccountId', true),
    ],
  },
);

const opportunity = standardObject(
  'Opportunity',
  'Opportunity',
  'Opportunities',
  '006',
  [
    text('Name', 'Name', 120, required()),
    reference('AccountId', 'Account ID', 'Account', 'Account'),
    ownerField,
    textArea('Description', 'Description', 32000),
    picklist(
      'StageName',
      'Stage',
      OPPORTUNITY_STAGES.map((s) => s.name),
      required(),
    ),
    number('Amount', 'Amount', 'currency', 18, 2),
    number('Probability', 'Probability (%)', 'percent', 3, 0),
    number('ExpectedRevenue', 'Expected Amount', 'currency', 18, 2, readOnly()),
    number('TotalOpportunityQuantity', 'Quantity', 'double', 18, 2),
    field('CloseDate', 'date', 'Close Date', required()),
    picklist('Type', 'Opportunity Type', OPPORTUNITY_TYPES),
    text('NextStep', 'Next Step', 255),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    bool('IsClosed', 'Closed', false, readOnly()),
    bool('IsWon', 'Won', false, readOnly()),
    picklist('ForecastCategory', 'Forecast Category', FORECAST_CATEGORIES, readOnly({ nillable: false })),
    picklist('ForecastCategoryName', 'Forecast Category', FORECAST_CATEGORY_NAMES),
    currencyIsoCode(),
    reference('Pricebook2Id', 'Price Book ID', 'Pricebook2', 'Pricebook2'),
    bool('HasOpportunityLineItem', 'Has Line Item', false, readOnly()),
    number('FiscalQuarter', 'Fiscal Quarter', 'int', 11, 0, readOnly()),
    number('FiscalYear', 'Fiscal Year', 'int', 11, 0, readOnly()),
    text('Fiscal', 'Fiscal Period', 6, readOnly()),
    field('LastActivityDate', 'date', 'Last Activity', readOnly()),
  ],
  {
    sharingModel: 'ReadWrite',
    childRelationships: [
      child('OpportunityLineItems', 'OpportunityLineItem', 'OpportunityId', true),
      child('OpportunitySplits', 'OpportunitySplit', 'OpportunityId', true),
    ],
  },
);

const opportunityLineItem = standardObject('OpportunityLineItem', 'Opportunity Product', 'Opportunity Product', '00k', [
  reference('OpportunityId', 'Opportunity ID', 'Opportunity', 'Opportunity', required({ updateable: false })),
  number('SortOrder', 'Sort Order', 'int', 9, 0),
  reference('PricebookEntryId', 'Price Book Entry ID', 'PricebookEntry', 'PricebookEntry', { updateable: false }),
  reference('Product2Id', 'Product ID', 'Product2', 'Product2', { updateable: false }),
  text('ProductCode', 'Product Code', 255, readOnly()),
  text('Name', 'Opportunity Product Name', 376, readOnly()),
  number('Quantity', 'Quantity', 'double', 12, 2, required()),
  number('TotalPrice', 'Total Price', 'currency', 16, 2),
  number('UnitPrice', 'Sales Price', 'currency', 18, 2),
  number('ListPrice', 'List Price', 'currency', 18, 2, readOnly()),
  number('Discount', 'Discount', 'percent', 5, 2),
  field('ServiceDate', 'date', 'Date'),
  text('Description', 'Line Description', 255),
  currencyIsoCode(readOnly()),
]);

const product2 = standardObject(
  'Product2',
  'Product',
  'Products',
  '01t',
  [
    text('Name', 'Product Name', 255, required()),
    text('ProductCode', 'Product Code', 255),
    textArea('Description', 'Product Description', 4000),
    bool('IsActive', 'Active', false),
    picklist('Family', 'Product Family', PRODUCT_FAMILIES),
    text('StockKeepingUnit', 'Product SKU', 180, { unique: true }),
    picklist('QuantityUnitOfMeasure', 'Quantity Unit Of Measure', ['Each', 'Seat', 'Hour', 'Year']),
    bool('IsArchived', 'Archived', false, readOnly()),
    currencyIsoCode(),
  ],
  { childRelationships: [child('PricebookEntries', 'PricebookEntry', 'Product2Id', true)] },
);

const pricebook2 = standardObject(
  'Pricebook2',
  'Price Book',
  'Price Books',
  '01s',
  [
    text('Name', 'Price Book Name', 255, required()),
    bool('IsActive', 'Active', false),
    bool('IsStandard', 'Is Standard Price Book', false, readOnly()),
    bool('IsArchived', 'Archived', false, readOnly()),
    text('Description', 'Description', 255),
  ],
  { childRelationships: [child('PricebookEntries', 'PricebookEntry', 'Pricebook2Id', true)] },
);

const pricebookEntry = standardObject(
  'PricebookEntry',
  'Price Book Entry',
  'Price Book Entries',
  '01u',
  [
    text('Name', 'Product Name', 255, readOnly()),
    reference('Pricebook2Id', 'Price Book ID', 'Pricebook2', 'Pricebook2', required({ updateable: false })),
    reference('Product2Id', 'Product ID', 'Product2', 'Product2', required({ updateable: false })),
    number('UnitPrice', 'List Price', 'currency', 18, 2, required()),
    bool('IsActive', 'Active', false),
    bool('UseStandardPrice', 'Use Standard Price', false),
    text('ProductCode', 'Product Code', 255, readOnly()),
    bool('IsArchived', 'Archived', false, readOnly()),
    currencyIsoCode({ updateable: false }),
  ],
  { childRelationships: [child('OpportunityLineItems', 'OpportunityLineItem', 'PricebookEntryId')] },
);

const opportunitySplit = standardObject('OpportunitySplit', 'Opportunity Split', 'Opportunity Splits', '149', [
  reference('OpportunityId', 'Opportunity ID', 'Opportunity', 'Opportunity', required({ updateable: false })),
  reference('SplitOwnerId', 'User ID', 'User', 'SplitOwner', required({ updateable: false })),
  number('SplitPercentage', 'Percent (%)', 'percent', 5, 2, required()),
  // Salesforce computes SplitAmount from the split field (Amount) × SplitPercentage / 100.
  number('SplitAmount', 'Split Amount', 'currency', 18, 2, readOnly()),
  reference('SplitTypeId', 'Opportunity Split Type ID', 'OpportunitySplitType', 'SplitType'),
  text('SplitNote', 'Split Note', 255),
  text('Split', 'Opportunity Split Name', 80, readOnly({ nillable: false })),
  bool('HasOpportunityLineItemSplit', 'Has Opportunity Line Item Split', false, readOnly()),
  currencyIsoCode(readOnly()),
]);

const opportunitySplitType = standardObject(
  'OpportunitySplitType',
  'Opportunity Split Type',
  'Opportunity Split Types',
  '14A',
  [
    text('MasterLabel', 'Label', 80, readOnly({ nillable: false })),
    text('DeveloperName', 'Split Type Name', 80, readOnly({ nillable: false })),
    textArea('Description', 'Description', 80, readOnly()),
    text('SplitEntity', 'Split Entity', 80, readOnly()),
    text('SplitField', 'Field to Split', 80, readOnly()),
    picklist('SplitDataStatus', 'Split Data Status', ['Complete', 'Processing', 'Error'], readOnly()),
    bool('IsActive', 'Active', false, readOnly()),
    bool('IsTotalValidated', 'Total Validated', false, readOnly()),
  ],
  {
    createable: false,
    updateable: false,
    deletable: false,
    childRelationships: [child('OpportunitySplits', 'OpportunitySplit', 'SplitTypeId')],
  },
);

export const SALES_OBJECTS: readonly ObjectSchema[] = [
  account,
  contactObject(LEAD_SOURCES),
  opportunity,
  opportunityLineItem,
  product2,
  pricebook2,
  pricebookEntry,
  opportunitySplit,
  opportunitySplitType,
];
