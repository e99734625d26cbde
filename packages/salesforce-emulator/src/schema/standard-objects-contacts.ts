/**
 * Contact: the people at an account. Attain does not read contacts, but every org has them and
 * ordinary client code (the `sf` CLI's examples, data loaders, `Account.Contacts` subqueries)
 * expects them. Fields follow the Object Reference (API v62.0), trimmed to the commonly used ones.
 */
import {
  bool,
  currencyIsoCode,
  field,
  picklist,
  readOnly,
  reference,
  required,
  standardObject,
  text,
  textArea,
} from './field-builders.js';
import type { ObjectSchema } from './types.js';

export const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] as const;

export function contactObject(leadSources: readonly string[]): ObjectSchema {
  const phone = (name: string, label: string) => field(name, 'phone', label, { length: 40 });
  return standardObject(
    'Contact',
    'Contact',
    'Contacts',
    '003',
    [
      reference('AccountId', 'Account ID', 'Account', 'Account'),
      text('LastName', 'Last Name', 80, required()),
      text('FirstName', 'First Name', 40),
      picklist('Salutation', 'Salutation', SALUTATIONS),
      // Salesforce composes Name from FirstName and LastName (DML derives it here too).
      text('Name', 'Full Name', 121, readOnly({ nillable: false })),
      reference('ReportsToId', 'Reports To ID', 'Contact', 'ReportsTo'),
      text('Title', 'Title', 128),
      text('Department', 'Department', 80),
      field('Email', 'email', 'Email', { length: 80 }),
      phone('Phone', 'Business Phone'),
      phone('MobilePhone', 'Mobile Phone'),
      phone('HomePhone', 'Home Phone'),
      phone('OtherPhone', 'Other Phone'),
      phone('Fax', 'Business Fax'),
      textArea('MailingStreet', 'Mailing Street', 255),
      text('MailingCity', 'Mailing City', 40),
      text('MailingState', 'Mailing State/Province', 80),
      text('MailingPostalCode', 'Mailing Zip/Postal Code', 20),
      text('MailingCountry', 'Mailing Country', 80),
      field('Birthdate', 'date', 'Birthdate'),
      picklist('LeadSource', 'Lead Source', leadSources),
      text('AssistantName', "Assistant's Name", 40),
      phone('AssistantPhone', 'Asst. Phone'),
      bool('HasOptedOutOfEmail', 'Email Opt Out', false),
      bool('DoNotCall', 'Do Not Call', false),
      textArea('Description', 'Contact Description', 32000),
      reference('OwnerId', 'Owner ID', 'User', 'Owner', { nillable: false }),
      currencyIsoCode(),
    ],
    { sharingModel: 'ReadWrite' },
  );
}
