/**
 * The one order for Salesforce ids and the keys built from them: by UTF-16 code unit, as Salesforce
 * orders ids (`0-9 < A-Z < a-z`, so `00k…7Z` comes before `00k…7a`). `localeCompare` is not that
 * order: it ignores case at first and depends on the locale, so "the lowest id" and any sorted list
 * of ids would differ between machines and from Salesforce.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
