import { idChecksum, isSalesforceId } from '../ids.js';

const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** [0-9A-Za-z] by char code. */
function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * True when `value` (18 characters) is alphanumeric and its last 3 characters are exactly the
 * checksum of its first 15: the id as Salesforce writes it. Checked in place, without slicing,
 * because every lookup and every reference written goes through here.
 */
function isExactId18(value: string): boolean {
  for (let i = 0; i < 18; i++) if (!isAlphanumeric(value.charCodeAt(i))) return false;
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = value.charCodeAt(block * 5 + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    if (value.charCodeAt(15 + block) !== SUFFIX.charCodeAt(bits)) return false;
  }
  return true;
}

/**
 * The canonical 18-character id for a 15- or 18-character id, or undefined when `value` is not
 * shaped like one. An 18-character id is case-insensitive: its checksum says which letters of the
 * first 15 are upper case, so `001abc…AAA` and `001ABC…aaa` name the same record, as in Salesforce.
 */
export function canonicalId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length === 15) return isSalesforceId(value) ? value + idChecksum(value) : undefined;
  if (value.length !== 18) return undefined;
  // The common case first: an id exactly as Salesforce wrote it.
  if (isExactId18(value)) return value;
  if (!/^[a-zA-Z0-9]{18}$/.test(value)) return undefined;
  const suffix = value.slice(15).toUpperCase();
  let id15 = '';
  for (let block = 0; block < 3; block++) {
    const bits = SUFFIX.indexOf(suffix[block] ?? '');
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const ch = value[block * 5 + i] ?? '';
      id15 += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  // A letter that must be upper case but has no upper-case form (a digit) is fine; a checksum that
  // claims a digit is upper case is not a valid id.
  return idChecksum(id15) === suffix ? id15 + suffix : undefined;
}
