/**
 * SOQL errors as Salesforce reports them: a stable `errorCode` (what the REST API puts in
 * `[{ errorCode, message }]`) and a message in Salesforce's own words. Errors tied to a place in the
 * query carry Salesforce's positional prefix:
 *
 * ```
 * \nSELECT Id, Bogus__c FROM Opportunity\n           ^\nERROR at Row:1:Column:12\nNo such column …
 * ```
 */

export const SoqlErrorCode = {
  malformedQuery: 'MALFORMED_QUERY',
  invalidField: 'INVALID_FIELD',
  invalidType: 'INVALID_TYPE',
  invalidQueryFilterOperator: 'INVALID_QUERY_FILTER_OPERATOR',
  numberOutsideValidRange: 'NUMBER_OUTSIDE_VALID_RANGE',
} as const;
export type SoqlErrorCode = (typeof SoqlErrorCode)[keyof typeof SoqlErrorCode];

export interface SoqlErrorPosition {
  /** 1-based, as in Salesforce's `ERROR at Row:r:Column:c`. */
  row: number;
  column: number;
}

export class SoqlError extends Error {
  override readonly name = 'SoqlError';

  constructor(
    readonly errorCode: SoqlErrorCode,
    message: string,
    /** The sentence without the positional prefix (handy for logs and tests). */
    readonly detail: string = message,
    readonly position?: SoqlErrorPosition,
  ) {
    super(message);
  }

  /** An error pointing at `offset` in `text`, formatted like Salesforce's query errors. */
  static at(errorCode: SoqlErrorCode, text: string, offset: number, detail: string): SoqlError {
    const position = positionOf(text, offset);
    const lineStart = offset - (position.column - 1);
    const lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
    const caret = `${' '.repeat(position.column - 1)}^`;
    const message = `\n${line}\n${caret}\nERROR at Row:${position.row}:Column:${position.column}\n${detail}`;
    return new SoqlError(errorCode, message, detail, position);
  }
}

function positionOf(text: string, offset: number): SoqlErrorPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let row = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      row++;
      lineStart = i + 1;
    }
  }
  return { row, column: clamped - lineStart + 1 };
}

/** Salesforce's sentences, in one place so tests and callers agree on the wording. */
export const SoqlMessages = {
  unexpectedToken: (token: string) => `unexpected token: '${token}'`,
  noSuchColumn: (field: string, entity: string) =>
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  unknownRelationshipInPath: (relationship: string) =>
    `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  unknownRelationshipInFrom: (relationship: string) =>
    `Didn't understand relationship '${relationship}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  unsupportedObject: (name: string) =>
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  wrongLiteralType: (field: string, typeName: string, quoted: boolean) =>
    `value of filter criterion for field '${field}' must be of type ${typeName} and ${quoted ? 'should be' : 'should not be'} enclosed in quotes`,
  invalidId: (value: string) => `invalid ID field: ${value}`,
  maxOffset: (max: number) => `Maximum SOQL offset allowed is ${max}`,
  duplicateField: (field: string) => `duplicate field selected: ${field}`,
} as const;
