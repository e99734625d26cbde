/**
 * Hosting logic shared by the Attain wrapper components (attainEarnings, attainSyncConsole,
 * attainFieldMapper). It is a service module with no template.
 *
 * Each wrapper is a thin LWC around one custom element of the Attain widget bundle (Lit, built by
 * packages/widget into the attain_widget static resource). The host:
 *   1. loads the bundle (once per page; loadScript caches it) and mints a token through Apex, both at once;
 *   2. creates the widget's element inside the wrapper's lwc:dom="manual" container and gives it the
 *      `apiUrl` and `token` properties, plus any properties the wrapper forwards (such as recordId);
 *   3. gets a new token after 80% of the current one's life and sets `token` on the element again,
 *      trying again shortly if that fails, until the old token expires;
 *   4. stops all of this when the wrapper leaves the page.
 *
 * The widget must register its elements with customElements.define. Lightning Web Security allows
 * that; Lightning Locker doesn't, so the org must have LWS enabled. The host checks this before
 * loading the bundle (./lightningSecurity.js) and says so, instead of blaming the static resource.
 */
import mintToken from '@salesforce/apex/AttainTokenService.mintToken';
import ATTAIN_WIDGET from '@salesforce/resourceUrl/attain_widget';
import { loadScript } from 'lightning/platformResourceLoader';
import { lightningWebSecurityProblem } from './lightningSecurity';

/** The widget build writes the bundle to this path inside the attain_widget static resource. */
export const WIDGET_PATH = '/attain-widget.js';
/** Get a new token once this fraction of the current token's life has passed. */
export const REFRESH_AT_FRACTION = 0.8;
/** After a failed refresh, try again after this long while the current token is still valid. */
export const RETRY_DELAY_MS = 15000;
/** Selector for the empty lwc:dom="manual" element each wrapper template has. */
export const CONTAINER_SELECTOR = '.attain-widget';

export const HostState = Object.freeze({ loading: 'loading', ready: 'ready', error: 'error' });

const BUNDLE_MISSING =
  'The Attain widget could not be loaded. Ask your Salesforce admin to build and deploy the attain_widget ' +
  'static resource (pnpm --filter @attain/widget build, then deploy the Attain package).';
const FALLBACK_MESSAGE =
  'Attain could not start. Reload the page; if this keeps happening, ask your Salesforce admin to check the Attain setup.';

/** An error whose message is already written for the user. */
class HostError extends Error {}

/** Turns an Apex, script-loading or JavaScript error into a sentence that says what to do. */
export function describeError(error) {
  if (error instanceof HostError) return error.message;
  const body = error?.body;
  if (Array.isArray(body) && body.length > 0 && body.every((item) => item?.message)) {
    return body.map((item) => item.message).join(' ');
  }
  // An AuraHandledException from AttainTokenService arrives as body.message, worded for an admin.
  if (body && typeof body.message === 'string' && body.message) return body.message;
  if (error instanceof Error && error.message) return error.message;
  return FALLBACK_MESSAGE;
}

export class AttainWidgetHost {
  /**
   * @param component the wrapper LightningElement (loadScript needs it)
   * @param tagName the widget's custom element, e.g. 'attain-earnings'
   * @param onStatus called with { state, message } whenever the host's state changes
   */
  constructor(component, tagName, onStatus) {
    this.component = component;
    this.tagName = tagName;
    this.onStatus = onStatus;
    this.properties = {};
    this.element = undefined;
    this.timer = undefined;
    // Local clock, compared only with itself, so a wrong browser clock doesn't matter.
    this.tokenExpiresAtMs = 0;
    this.refreshDueAtMs = 0;
    // Bumped on every start and stop, so an await that finishes after a stop does nothing.
    this.generation = 0;
    this.pendingStart = false;
    this.onVisibilityChange = () => this.refreshIfOverdue();
  }

  /** Call from connectedCallback. */
  connected() {
    this.pendingStart = true;
    // On reconnection the template is already rendered and renderedCallback may not run again.
    if (this.container()) this.start();
  }

  /** Call from renderedCallback. */
  rendered() {
    if (this.pendingStart) this.start();
  }

  /** Call from disconnectedCallback. */
  disconnected() {
    this.pendingStart = false;
    this.stop();
  }

  /** Starts from scratch: a new bundle check, a new token and a new element. For "Try again". */
  restart() {
    this.start();
  }

  /** Forwards a wrapper property (such as recordId) to the widget, now and on every restart. */
  setProperty(name, value) {
    this.properties[name] = value;
    if (this.element) this.element[name] = value;
  }

  container() {
    return this.component.template.querySelector(CONTAINER_SELECTOR);
  }

  async start() {
    this.pendingStart = false;
    this.stop();
    const generation = this.generation;
    this.report(HostState.loading);
    try {
      const [, grant] = await Promise.all([this.loadBundle(), mintToken()]);
      if (generation !== this.generation) return;
      this.mount(grant);
      document.addEventListener('visibilitychange', this.onVisibilityChange);
      this.report(HostState.ready);
    } catch (error) {
      if (generation !== this.generation) return;
      this.report(HostState.error, describeError(error));
    }
  }

  stop() {
    this.generation += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  async loadBundle() {
    // Under Locker, loadScript would fail in a way that looks like a missing static resource.
    const sandboxProblem = lightningWebSecurityProblem(window);
    if (sandboxProblem) throw new HostError(sandboxProblem);
    try {
      await loadScript(this.component, ATTAIN_WIDGET + WIDGET_PATH);
    } catch {
      // loadScript rejects with the script's error event, which says nothing useful to a user.
      throw new HostError(BUNDLE_MISSING);
    }
    if (!customElements.get(this.tagName)) {
      throw new HostError(
        `The Attain widget bundle loaded but does not define <${this.tagName}>. ` +
          'Ask your Salesforce admin to deploy a current build of the attain_widget static resource.',
      );
    }
  }

  mount(grant) {
    const container = this.container();
    if (!container) throw new HostError(FALLBACK_MESSAGE);
    const element = document.createElement(this.tagName);
    for (const [name, value] of Object.entries(this.properties)) {
      if (value !== undefined && value !== null) element[name] = value;
    }
    element.apiUrl = grant.apiUrl;
    element.token = grant.token;
    while (container.firstChild) container.removeChild(container.firstChild);
    container.appendChild(element);
    this.element = element;
    this.scheduleRefresh(grant);
  }

  scheduleRefresh(grant) {
    const lifetimeMs = grant.expiresIn * 1000;
    const now = Date.now();
    this.tokenExpiresAtMs = now + lifetimeMs;
    this.refreshDueAtMs = now + lifetimeMs * REFRESH_AT_FRACTION;
    this.schedule(lifetimeMs * REFRESH_AT_FRACTION);
  }

  schedule(delayMs) {
    clearTimeout(this.timer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- the token has to be renewed on a timer
    this.timer = setTimeout(() => this.refresh(), delayMs);
  }

  /** Browsers slow down timers in background tabs, so check again when the tab becomes visible. */
  refreshIfOverdue() {
    if (document.visibilityState === 'visible' && this.element && Date.now() >= this.refreshDueAtMs) {
      this.refresh();
    }
  }

  async refresh() {
    const generation = this.generation;
    // Push the due time forward so a visibility event during this call doesn't start a second refresh.
    this.refreshDueAtMs = Number.POSITIVE_INFINITY;
    try {
      const grant = await mintToken();
      if (generation !== this.generation || !this.element) return;
      this.element.apiUrl = grant.apiUrl;
      this.element.token = grant.token;
      this.scheduleRefresh(grant);
    } catch (error) {
      if (generation !== this.generation) return;
      const remainingMs = this.tokenExpiresAtMs - Date.now();
      if (remainingMs > 0) {
        // The current token still works: try again shortly, and at the latest just before it expires.
        this.refreshDueAtMs = Date.now() + Math.min(RETRY_DELAY_MS, remainingMs);
        this.schedule(Math.min(RETRY_DELAY_MS, remainingMs));
        return;
      }
      this.report(HostState.error, describeError(error));
    }
  }

  report(state, message) {
    this.onStatus({ state, message });
  }
}
