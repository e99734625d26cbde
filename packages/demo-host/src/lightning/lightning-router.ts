/**
 * Routes of the emulated Lightning experience (mounted on the emulator through its `extraRoutes`
 * hook): the Opportunity list and record pages, three app pages each hosting one Attain
 * component, the user switcher, the "Apex" token service and the `attain_widget` static resource.
 * The signed-in user is a cookie (`?as=<userId>` on any page sets it too); pages get a REST session
 * of that user, like `$Api.Session_ID`, so "Close Won" writes as them through the org's own REST API.
 */
import { readFile } from 'node:fs/promises';
import type { EmulatorHost } from '@attain/salesforce-emulator';
import express, { type Request, type Response, Router } from 'express';
import { HOST_SCRIPT } from './host-script.js';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, type LightningOptions, MAX_TOKEN_LIFETIME_SECONDS } from './options.js';
import { OrgReader, type Row } from './org-reader.js';
import { appPage, commissionsList, layout, listPage, type PageFrame, recordPage, type Tab, userPage } from './pages.js';
import { choosePersonas, type Persona } from './personas.js';
import { LIGHTNING_CSS } from './styles.js';
import { mintAttainToken } from './token.js';

/** The emulator's org and sessions (its `extraRoutes` hook hands them over) and the pages' settings. */
export interface LightningDeps extends EmulatorHost {
  options: LightningOptions;
}

const USER_COOKIE = 'attain_lightning_user';
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
/** `@salesforce/resourceUrl/attain_widget` resolves to `/resource/<timestamp>/attain_widget`. */
const RESOURCE_STAMP = String(Date.UTC(2026, 0, 1));

export interface Lightning {
  router: Router;
  /** The user switcher's people (chosen once, on first use). */
  personas(): Persona[];
}

export function createLightning(deps: LightningDeps): Lightning {
  const { store, options } = deps;
  if (options.tokenCertificate.privateKey.asymmetricKeyType !== 'rsa') {
    throw new Error('lightning.tokenCertificate.privateKey must be an RSA private key (tokens are RS256)');
  }
  const lifetime = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (lifetime < 1 || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new Error(`lightning.tokenLifetimeSeconds must be between 1 and ${MAX_TOKEN_LIFETIME_SECONDS}`);
  }
  const reader = new OrgReader(store);
  const apiUrl = () => (typeof options.apiUrl === 'function' ? options.apiUrl() : options.apiUrl);
  let personas: Persona[] | undefined;
  const people = () => {
    personas ??= choosePersonas(reader, deps.integrationUsername, deps.today());
    return personas;
  };
  const pageSessions = new Map<string, string>();
  const sessionFor = (userId: string) => {
    const existing = pageSessions.get(userId);
    if (existing && deps.sessions.find(existing)) return existing;
    const session = deps.sessions.issue(userId, deps.clientId, 'api web').accessToken;
    pageSessions.set(userId, session);
    return session;
  };

  /** The signed-in user: `?as=` (remembered), else the cookie, else the demo's rep. */
  const currentUser = (req: Request, res: Response): Row | undefined => {
    const asked = typeof req.query.as === 'string' ? req.query.as : undefined;
    const fromCookie = /(?:^|;\s*)attain_lightning_user=([^;]+)/.exec(req.header('cookie') ?? '')?.[1];
    for (const candidate of [asked, fromCookie, people()[0]?.id]) {
      if (!candidate || !ID.test(candidate)) continue;
      const user = reader.user(candidate);
      if (!user || user.IsActive !== true) continue;
      if (candidate === asked) setUserCookie(res, String(user.Id));
      return user;
    }
    return undefined;
  };
  const setUserCookie = (res: Response, userId: string) =>
    res.setHeader('Set-Cookie', `${USER_COOKIE}=${userId}; Path=/; HttpOnly; SameSite=Lax`);

  const render = (req: Request, res: Response, title: string, tab: Tab, main: (user: Row) => string) => {
    const user = currentUser(req, res);
    if (!user) {
      res.status(500).type('text/plain').send('The org has no active user to sign in as.');
      return;
    }
    const frame: PageFrame = {
      title,
      tab,
      personas: people(),
      currentUserId: String(user.Id),
      currentUserName: String(user.Name),
      session: sessionFor(String(user.Id)),
      bundleUrl: `/resource/${RESOURCE_STAMP}/attain_widget/attain-widget.js`,
      returnTo: req.path,
      today: deps.today().toISOString().slice(0, 10),
    };
    res.type('html').setHeader('Cache-Control', 'no-store');
    res.send(layout(frame, main(user)));
  };

  const commissionsOf = (opportunityId: string) => {
    const rows = reader.query(
      `SELECT Id, Name, Rep__r.Name, Component__c, Period__c, Amount__c, CurrencyIsoCode, SystemModstamp FROM Commission__c WHERE Opportunity__c = ${reader.quote(
        opportunityId,
      )} ORDER BY Name`,
    );
    const stamp = `${rows.length}|${rows.reduce((max, row) => (String(row.SystemModstamp) > max ? String(row.SystemModstamp) : max), '')}`;
    return { rows, stamp, html: commissionsList(rows) };
  };

  const router = Router();
  router.get(['/lightning', '/lightning/'], (_req, res) => res.redirect('/lightning/o/Opportunity/list'));
  router.get('/lightning/o/Opportunity/list', (req, res) =>
    render(req, res, 'Opportunities', 'opportunities', (user) => {
      const userId = String(user.Id);
      const reports = reader
        .query(`SELECT Id FROM User WHERE ManagerId = ${reader.quote(userId)}`)
        .map((r) => String(r.Id));
      const owners = [userId, ...reports];
      const mine = owners.map((id) => reader.quote(id)).join(', ');
      const fields = 'Id, Name, Account.Name, StageName, Amount, CurrencyIsoCode, CloseDate, Owner.Name, IsClosed';
      let rows = reader.query(`SELECT ${fields} FROM Opportunity WHERE OwnerId IN (${mine}) ORDER BY CloseDate DESC`);
      let scope = reports.length > 0 ? 'My Team' : 'My Opportunities';
      if (rows.length === 0) {
        rows = reader.query(`SELECT ${fields} FROM Opportunity ORDER BY CloseDate DESC LIMIT 100`);
        scope = 'All Opportunities';
      }
      rows = [...rows.filter((row) => row.IsClosed !== true), ...rows.filter((row) => row.IsClosed === true)].slice(
        0,
        100,
      );
      return listPage(rows, scope);
    }),
  );
  router.get('/lightning/r/Opportunity/:id/view', (req, res) => {
    const id = String(req.params.id);
    const record = ID.test(id)
      ? reader.query(
          `SELECT Id, Name, Account.Name, Owner.Name, Amount, CurrencyIsoCode, CloseDate, StageName, Type, IsClosed FROM Opportunity WHERE Id = ${reader.quote(id)}`,
        )[0]
      : undefined;
    if (!record) {
      res.status(404).type('text/plain').send('This record was deleted or you do not have access to it.');
      return;
    }
    render(req, res, String(record.Name), 'opportunities', () => recordPage(record, commissionsOf(String(record.Id))));
  });
  // A User record page with the earnings component: a manager opens a report's earnings here.
  router.get('/lightning/r/User/:id/view', (req, res) => {
    const id = String(req.params.id);
    const user = ID.test(id) ? reader.user(id) : undefined;
    if (!user) {
      res.status(404).type('text/plain').send('This record was deleted or you do not have access to it.');
      return;
    }
    render(req, res, String(user.Name), 'earnings', () => userPage(user));
  });
  router.get('/favicon.ico', (_req, res) => res.status(204).end());
  router.get('/lightning/n/Attain_Earnings', (req, res) =>
    render(req, res, 'Attain Earnings', 'earnings', () =>
      appPage('Attain Earnings', 'attain-earnings', 'What you earned, why, and what the next deal would pay.'),
    ),
  );
  router.get('/lightning/n/Attain_Sync_Console', (req, res) =>
    render(req, res, 'Attain Sync', 'sync', () =>
      appPage('Attain Sync Console', 'attain-sync-console', 'For sales ops: syncs, API budget, record errors.'),
    ),
  );
  router.get('/lightning/n/Attain_Setup', (req, res) =>
    render(req, res, 'Attain Setup', 'setup', () =>
      appPage('Attain Setup', 'attain-field-mapper', 'For admins: the field mapping and the plans.'),
    ),
  );

  router.post('/__lightning/switch-user', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const userId = String((req.body as Record<string, unknown> | undefined)?.userId ?? '');
    const user = ID.test(userId) ? reader.user(userId) : undefined;
    if (!user || user.IsActive !== true) {
      res.status(400).type('text/plain').send('Unknown user.');
      return;
    }
    setUserCookie(res, String(user.Id));
    const returnTo = String((req.body as Record<string, unknown>).returnTo ?? '');
    res.redirect(303, returnTo.startsWith('/lightning/') ? returnTo : '/lightning/o/Opportunity/list');
  });

  // AttainTokenService.mintToken(), as an Aura action would reach it: the signed-in user, system mode.
  router.post('/__lightning/apex/AttainTokenService/mintToken', (req, res) => {
    const user = currentUser(req, res);
    if (!user) {
      res.status(401).json({ message: 'You are not signed in.' });
      return;
    }
    const grant = mintAttainToken({
      certificate: options.tokenCertificate,
      userId: String(user.Id),
      orgId: store.org.id,
      apiUrl: apiUrl(),
      lifetimeSeconds: lifetime,
      nowMs: deps.now().getTime(),
    });
    res.setHeader('Cache-Control', 'no-store').json(grant);
  });

  router.get('/__lightning/records/Opportunity/:id/commissions', (req, res) => {
    const id = String(req.params.id);
    if (!ID.test(id)) {
      res.status(404).json({ message: 'not found' });
      return;
    }
    const { rows, stamp, html } = commissionsOf(id);
    res.setHeader('Cache-Control', 'no-store').json({ count: rows.length, stamp, html });
  });

  router.get('/__lightning/host.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'no-store').send(HOST_SCRIPT);
  });
  router.get('/__lightning/lightning.css', (_req, res) => {
    res.type('text/css').send(LIGHTNING_CSS);
  });
  router.get('/resource/:stamp/attain_widget/attain-widget.js', async (_req, res) => {
    try {
      const bundle = await readFile(options.widgetBundle);
      res.type('application/javascript').setHeader('Cache-Control', 'no-cache').send(bundle);
    } catch {
      res.status(404).type('text/plain').send(`attain_widget not built: ${options.widgetBundle} is missing`);
    }
  });
  return { router, personas: people };
}
