import { idChecksum, isSalesforceId } from '../ids.js';

const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The canonical 18-character id for a 15- or 18-character id, or undefined when `value` is not
 * shaped like one. An 18-character id is case-insensitive: its checksum says which letters of the
 * first 15 are upper case, so `001abc…AAA` and `001ABC…aaa` name the same record, as in Salesforce.
 */
export function canonicalId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length === 15) return isSalesforceId(value) ? value + idChecksum(value) : undefined;
  if (value.length !== 18 || !/^[a-zA-Z0-9]{18}$/.test(value)) return undefined;
  // The common case first: an id exactly as Salesforce wrote it.
  if (idChecksum(value.slice(0, 15)) === value.slice(15)) return value;
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
