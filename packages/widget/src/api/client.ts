/**
 * Typed fetch against the Attain API. The host (a Lightning wrapper) sets `apiUrl` and `token` on the
 * element and sets `token` again before it expires, so every request reads both afresh through
 * `connection()`: a token is never captured for longer than one request.
 */
import { ApiError, ErrorKind, networkError, responseError } from './errors.js';

export interface Connection {
  apiUrl: string | undefined;
  token: string | undefined;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export class ApiClient {
  constructor(private readonly connection: () => Connection) {}

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const first = this.connection();
    const response = await this.send(method, path, options, first);
    // The host may have replaced an expiring token while the request was on its way: one retry with the new one.
    if (response.status === 401 && this.connection().token !== first.token) {
      return this.read<T>(await this.send(method, path, options, this.connection()));
    }
    return this.read<T>(response);
  }

  private async send(method: string, path: string, options: RequestOptions, { apiUrl, token }: Connection) {
    if (!apiUrl || !token) {
      throw new ApiError(ErrorKind.notConnected, 'Attain is waiting for the page to sign it in.');
    }
    const url = new URL(`${apiUrl.replace(/\/+$/, '')}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
    const init: RequestInit = { method, headers, credentials: 'omit', mode: 'cors' };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.signal) init.signal = options.signal;
    try {
      return await fetch(url, init);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw networkError(apiUrl);
    }
  }

  private async read<T>(response: Response): Promise<T> {
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    if (!response.ok) throw responseError(response.status, body);
    return body as T;
  }
}

/** True for the rejection of a request that was cancelled on purpose (a newer one replaced it). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
