/**
 * Tells whether the page can host the Attain widget: the widget registers its elements with
 * customElements.define, which Lightning Web Security (LWS) allows and Lightning Locker doesn't.
 *
 * Under Locker a component's `window` is a SecureWindow: its `customElements` is missing (or, in
 * some releases, a wrapper whose define does nothing usable), and String(window) starts with
 * "SecureWindow". Loading the bundle then fails inside loadScript with an error that looks like a
 * missing static resource, so the host asks this module first and names the real cause.
 *
 * Kept free of platform imports so it can be unit-tested outside Salesforce
 * (test/salesforce-metadata.test.ts imports it).
 */

export const LWS_REQUIRED =
  'Attain needs Lightning Web Security, and this org still uses Lightning Locker for Lightning web components. ' +
  'Ask your Salesforce admin to turn on "Use Lightning Web Security for Lightning web components and Aura components" ' +
  'in Setup > Session Settings, then reload this page.';

/** True when `globalObject` is Locker's SecureWindow (or another Secure* wrapper). */
export function isLockerWindow(globalObject) {
  try {
    return /^Secure[A-Z]\w*:/.test(String(globalObject));
  } catch {
    // A wrapper that refuses to be turned into a string is not a plain window either.
    return true;
  }
}

/** True when `globalObject.customElements` can register and look up elements. */
export function canDefineCustomElements(globalObject) {
  try {
    const registry = globalObject?.customElements;
    return Boolean(registry) && typeof registry.define === 'function' && typeof registry.get === 'function';
  } catch {
    // Reading the property threw: the sandbox forbids it.
    return false;
  }
}

/** The sentence to show when the widget can't run here, or undefined when it can. */
export function lightningWebSecurityProblem(globalObject) {
  if (isLockerWindow(globalObject) || !canDefineCustomElements(globalObject)) return LWS_REQUIRED;
  return undefined;
}
