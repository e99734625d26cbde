/**
 * Keeps web pages away from `/__emulator/*`. The admin router already refuses non-loopback
 * clients, but a browser on the same machine *is* a loopback client: any page it shows could POST
 * a form to `http://127.0.0.1:PORT/__emulator/reset` (a "simple" cross-site request, sent without
 * asking). So every admin request must also carry `X-Attain-Emulator: 1`, a header a page can set
 * on a cross-origin request only after a CORS preflight, and the preflight is refused here without
 * any Access-Control-Allow-* header, so the browser never sends the real request.
 *
 * Two more checks close the other browser routes in: a request whose Origin is not the emulator's
 * own (a browser always sends Origin on cross-origin fetches and form POSTs) is refused, and so is
 * one whose Host is not a loopback name, which stops a DNS-rebinding page (attacker.example
 * re-pointed at 127.0.0.1, so it counts as same-origin) from reaching the routes.
 */
import type { NextFunction, Request, Response } from 'express';

export const ADMIN_HEADER = 'x-attain-emulator';
export const ADMIN_HEADER_VALUE = '1';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function forbidden(res: Response, message: string): void {
  res.status(403).json({ error: 'FORBIDDEN', message });
}

/** Host without its port: `127.0.0.1:4000` → `127.0.0.1`, `[::1]:4000` → `[::1]`. */
function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

export function adminGuard(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'OPTIONS') {
    // A CORS preflight: answer it without allowing anything, so no cross-site request follows.
    forbidden(res, 'the emulator admin endpoints do not accept cross-origin requests');
    return;
  }
  const host = hostName(req.headers.host ?? '').toLowerCase();
  if (!LOOPBACK_HOSTS.has(host)) {
    forbidden(res, 'the emulator admin endpoints answer requests addressed to 127.0.0.1 or localhost only');
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `${req.protocol}://${req.headers.host}`) {
    forbidden(res, 'the emulator admin endpoints do not accept cross-origin requests');
    return;
  }
  if (req.headers[ADMIN_HEADER] !== ADMIN_HEADER_VALUE) {
    forbidden(
      res,
      `the emulator admin endpoints need the header "X-Attain-Emulator: ${ADMIN_HEADER_VALUE}" (browsers cannot send it cross-site)`,
    );
    return;
  }
  next();
}
