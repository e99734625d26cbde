/** HTML of the emulated Lightning pages: the global header with the user switcher, the app's tabs, the pages. */

import type { Row } from './org-reader.js';
import { PERSONA_LABELS, type Persona } from './personas.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

export const Tab = { opportunities: 'opportunities', earnings: 'earnings', sync: 'sync', setup: 'setup' } as const;
export type Tab = (typeof Tab)[keyof typeof Tab];

const TABS: { tab: Tab; href: string; label: string }[] = [
  { tab: 'opportunities', href: '/lightning/o/Opportunity/list', label: 'Opportunities' },
  { tab: 'earnings', href: '/lightning/n/Attain_Earnings', label: 'Attain Earnings' },
  { tab: 'sync', href: '/lightning/n/Attain_Sync_Console', label: 'Attain Sync' },
  { tab: 'setup', href: '/lightning/n/Attain_Setup', label: 'Attain Setup' },
];

export interface PageFrame {
  title: string;
  tab: Tab;
  personas: Persona[];
  currentUserId: string;
  currentUserName: string;
  session: string;
  bundleUrl: string;
  returnTo: string;
  /** The org's today (YYYY-MM-DD), handed to the widget and used by "Close Won". */
  today: string;
}

export function layout(frame: PageFrame, main: string): string {
  const options = frame.personas
    .map(
      (persona) =>
        `<option value="${escapeHtml(persona.id)}"${persona.id === frame.currentUserId ? ' selected' : ''}>${escapeHtml(
          `${persona.name} — ${PERSONA_LABELS[persona.role]}`,
        )}</option>`,
    )
    .join('');
  const known = frame.personas.some((persona) => persona.id === frame.currentUserId);
  const extra = known
    ? ''
    : `<option value="${escapeHtml(frame.currentUserId)}" selected>${escapeHtml(frame.currentUserName)}</option>`;
  const tabs = TABS.map(
    ({ tab, href, label }) =>
      `<a href="${href}"${tab === frame.tab ? ' class="active" aria-current="page"' : ''}>${escapeHtml(label)}</a>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(frame.title)} | Salesforce</title><link rel="stylesheet" href="/__lightning/lightning.css"></head>
<body data-session="${escapeHtml(frame.session)}" data-bundle-url="${escapeHtml(frame.bundleUrl)}" data-user-id="${escapeHtml(frame.currentUserId)}" data-today="${escapeHtml(frame.today)}">
<header class="global-header"><span class="logo">Northwind Robotics</span><span class="badge-env">Local emulator</span>
<span class="search" aria-hidden="true">Search…</span>
<form class="switcher" method="post" action="/__lightning/switch-user"><label for="user-switcher">Viewing as</label>
<select id="user-switcher" name="userId">${extra}${options}</select><input type="hidden" name="returnTo" value="${escapeHtml(frame.returnTo)}">
<noscript><button class="btn" type="submit">Switch</button></noscript></form></header>
<nav class="nav" aria-label="Sales app"><span class="app">Sales</span>${tabs}</nav>
<div id="toast" class="toast" role="status" hidden></div>
<main${frame.tab === 'opportunities' && frame.title !== 'Opportunities' ? ' class="two-col"' : ''}>${main}</main>
<script src="/__lightning/host.js"></script></body></html>`;
}

const money = (amount: unknown, currency: unknown) =>
  amount === null || amount === undefined ? '' : `${escapeHtml(currency ?? '')} ${escapeHtml(amount)}`;

export function listPage(rows: Row[], scope: string): string {
  const body = rows
    .map((row) => {
      const account = (row.Account as Row | null)?.Name;
      const owner = (row.Owner as Row | null)?.Name;
      return `<tr><td><a href="/lightning/r/Opportunity/${escapeHtml(row.Id)}/view">${escapeHtml(row.Name)}</a></td>
<td>${escapeHtml(account)}</td><td>${escapeHtml(row.StageName)}</td><td class="num">${money(row.Amount, row.CurrencyIsoCode)}</td>
<td>${escapeHtml(row.CloseDate)}</td><td>${escapeHtml(owner)}</td></tr>`;
    })
    .join('');
  return `<section class="card"><div class="card-header"><span class="icon">O</span><h2>Opportunities · ${escapeHtml(scope)}</h2>
<span class="hint">(${rows.length} items, open deals first)</span></div>
<table aria-label="Opportunities"><thead><tr><th>Opportunity Name</th><th>Account Name</th><th>Stage</th><th class="num">Amount</th><th>Close Date</th><th>Opportunity Owner</th></tr></thead>
<tbody>${body || '<tr><td colspan="6">No opportunities to show.</td></tr>'}</tbody></table></section>`;
}

export function commissionsList(rows: Row[]): string {
  if (rows.length === 0)
    return '<p class="hint">No commissions yet. Close the deal won and Attain writes them here.</p>';
  const body = rows
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.Name)}</td><td>${escapeHtml((row.Rep__r as Row | null)?.Name)}</td><td>${escapeHtml(
          row.Component__c,
        )}</td><td>${escapeHtml(row.Period__c)}</td><td class="num">${money(row.Amount__c, row.CurrencyIsoCode)}</td></tr>`,
    )
    .join('');
  return `<table aria-label="Commissions"><thead><tr><th>Commission</th><th>Rep</th><th>Component</th><th>Period</th><th class="num">Amount</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function recordPage(record: Row, commissions: { html: string; stamp: string }): string {
  const field = (label: string, name: string, value: string) =>
    `<div><dt>${escapeHtml(label)}</dt><dd id="field-${name}">${value}</dd></div>`;
  const closable = record.IsClosed !== true;
  return `<div style="grid-column:1/-1" class="page-header"><span class="icon">O</span><div><div class="eyebrow">Opportunity</div><h1>${escapeHtml(
    record.Name,
  )}</h1></div>
<div class="actions">${closable ? `<button id="close-won" class="btn btn-brand" data-record-id="${escapeHtml(record.Id)}">Close Won</button>` : ''}
<a class="btn" href="/lightning/o/Opportunity/list">Back to list</a></div></div>
<div style="display:grid;gap:12px;align-content:start"><section class="card"><div class="card-header"><h2>Details</h2></div><div class="card-body"><dl class="fields">
${field('Account Name', 'Account', escapeHtml((record.Account as Row | null)?.Name))}
${field('Opportunity Owner', 'Owner', escapeHtml((record.Owner as Row | null)?.Name))}
${field('Amount', 'Amount', money(record.Amount, record.CurrencyIsoCode))}
${field('Close Date', 'CloseDate', escapeHtml(record.CloseDate))}
${field('Stage', 'StageName', escapeHtml(record.StageName))}
${field('Type', 'Type', escapeHtml(record.Type))}
</dl></div></section>
<section class="card"><div class="card-header"><span class="icon attain">C</span><h2>Commissions</h2></div>
<div class="card-body" id="commissions" data-record-id="${escapeHtml(record.Id)}" data-stamp="${escapeHtml(commissions.stamp)}">${commissions.html}</div></section></div>
<section class="card"><div class="card-header"><span class="icon attain">A</span><h2>Attain Earnings</h2></div>
<div class="attain-widget" data-attain-tag="attain-earnings" data-record-id="${escapeHtml(record.Id)}" data-object-api-name="Opportunity"></div></section>`;
}

export function appPage(title: string, tag: string, hint: string): string {
  return `<section class="card"><div class="card-header"><span class="icon attain">A</span><h2>${escapeHtml(title)}</h2><p class="hint">${escapeHtml(
    hint,
  )}</p></div><div class="attain-widget" data-attain-tag="${escapeHtml(tag)}"></div></section>`;
}

export function userPage(user: Row): string {
  return `<div class="page-header"><span class="icon">U</span><div><div class="eyebrow">User</div><h1>${escapeHtml(
    user.Name,
  )}</h1><div class="eyebrow">${escapeHtml(user.Title)}</div></div></div>
<section class="card"><div class="card-header"><span class="icon attain">A</span><h2>Attain Earnings</h2></div>
<div class="attain-widget" data-attain-tag="attain-earnings" data-record-id="${escapeHtml(user.Id)}" data-object-api-name="User"></div></section>`;
}
