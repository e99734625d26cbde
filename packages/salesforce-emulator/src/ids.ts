/**
 * Salesforce record ids: a 3-character key prefix, a 2-character pod/instance part, and a base-62
 * counter, 15 characters case-sensitive; the 18-character form appends a 3-character checksum that
 * encodes the case of the first 15 (so the id survives case-insensitive systems).
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character checksum Salesforce appends to a 15-character id. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(block * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

export function to18(id: string): string {
  if (id.length === 18) return id;
  if (id.length !== 15) throw new RangeError(`not a Salesforce id: ${id}`);
  return id + idChecksum(id);
}

/** The 15-character, case-sensitive form of a 15- or 18-character id. */
export function to15(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** True if `value` has the shape of an id and, for 18 characters, a matching checksum. */
export function isSalesforceId(value: string): boolean {
  if (!ID_PATTERN.test(value)) return false;
  return value.length === 15 || idChecksum(value.slice(0, 15)) === value.slice(15);
}

/** Issues 18-character ids per key prefix, deterministic for a given start (seeded orgs are reproducible). */
export class IdFactory {
  private readonly counters = new Map<string, number>();
  /** Character codes of the id being built: prefix (3), pod (2), counter (10), checksum (3). */
  private readonly codes: number[] = new Array(18).fill(48);

  /** @param pod two characters between the prefix and the counter, as in a real org's instance. */
  constructor(private readonly pod = '5g') {}

  next(keyPrefix: string): string {
    const n = (this.counters.get(keyPrefix) ?? 0) + 1;
    this.counters.set(keyPrefix, n);
    // Built as character codes and turned into one string: ids are minted for every insert, and
    // string concatenation here made ~400 bytes of garbage per id.
    const codes = this.codes;
    for (let i = 0; i < 3; i++) codes[i] = keyPrefix.charCodeAt(i);
    codes[3] = this.pod.charCodeAt(0);
    codes[4] = this.pod.charCodeAt(1);
    let rest = n;
    for (let i = 14; i >= 5; i--) {
      codes[i] = BASE62.charCodeAt(rest % 62);
      rest = Math.floor(rest / 62);
    }
    for (let block = 0; block < 3; block++) {
      let bits = 0;
      for (let i = 0; i < 5; i++) {
        const code = codes[block * 5 + i] as number;
        if (code >= 65 && code <= 90) bits |= 1 << i;
      }
      codes[15 + block] = SUFFIX.charCodeAt(bits);
    }
    return String.fromCharCode(...codes);
  }
}
