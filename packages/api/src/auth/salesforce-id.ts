/**
 * Salesforce ids come in a case-sensitive 15-character form and an 18-character form whose last
 * three characters encode the case of the first fifteen. Tokens carry 18-character ids; the
 * configuration may give either, so both are brought to 18 before any comparison.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

export function isSalesforceId(text: unknown): text is string {
  return typeof text === 'string' && ID.test(text);
}

/** The 18-character form of a 15- or 18-character id (an 18-character id with a wrong suffix is refused). */
export function to18(id: string): string | null {
  if (!ID.test(id)) return null;
  const base = id.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = base.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  const full = base + suffix;
  return id.length === 18 && id !== full ? null : full;
}
