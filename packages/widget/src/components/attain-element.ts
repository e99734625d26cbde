/**
 * What every Attain element shares: the host contract (`apiUrl`, `token`, optional `locale`), a
 * closed shadow root (Lightning Web Security supports only closed roots for third-party elements;
 * the test build opens it, see README), the API client that reads the latest token on every request,
 * and formatting in the user's locale.
 */
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ApiClient } from '../api/client.js';
import { defaultLocale, Formatter } from '../format.js';

export abstract class AttainElement extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: __ATTAIN_SHADOW_MODE__ };

  static override properties: PropertyDeclarations = {
    apiUrl: { attribute: 'api-url' },
    token: { attribute: false },
    locale: {},
  };

  /** The Attain API's base URL, without a trailing slash (set by the host). */
  declare apiUrl: string | undefined;
  /** A short-lived RS256 JWT (signed with the org's certificate); the host sets it again before it expires. */
  declare token: string | undefined;
  /** BCP 47 locale for numbers and dates; default: the page's language, then the browser's. */
  declare locale: string | undefined;

  protected readonly api = new ApiClient(() => ({ apiUrl: this.apiUrl, token: this.token }));
  private connectedTo: string | undefined;
  private aborter = new AbortController();
  private formatters = new Map<string, Formatter>();

  /** Called once the element has an API URL and a token, and again if the API URL changes. */
  protected abstract start(): void;

  /** Aborted when the element leaves the page or restarts: pass it to requests. */
  protected get signal(): AbortSignal {
    return this.aborter.signal;
  }

  protected format(currency = 'USD'): Formatter {
    const locale = this.locale || defaultLocale();
    const key = `${locale}|${currency}`;
    let formatter = this.formatters.get(key);
    if (!formatter) {
      formatter = new Formatter(locale, currency);
      this.formatters.set(key, formatter);
    }
    return formatter;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a detach: load again, the data may be stale and earlier requests were aborted.
    if (this.connectedTo !== undefined) {
      this.connectedTo = undefined;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.aborter.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.formatters.clear();
    // A new token alone is a refresh of the same session: nothing to reload.
    if (this.apiUrl && this.token && this.connectedTo !== this.apiUrl) {
      this.connectedTo = this.apiUrl;
      this.aborter.abort();
      this.aborter = new AbortController();
      this.start();
    }
  }
}
