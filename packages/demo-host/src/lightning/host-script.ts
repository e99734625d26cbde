/**
 * The browser side of the Lightning pages, served as `/__lightning/host.js`. It does for every
 * `[data-attain-tag]` container what `lwc/attainHost/attainHost.js` does in a real org: load the
 * `attain_widget` static resource as a classic script (like `loadScript`) while minting a token
 * through the "Apex" endpoint, create the element, set `apiUrl` and `token` (and the record page's
 * `recordId` / `objectApiName`, and the org's `today`, which a real org leaves to the browser's
 * clock), and mint a new token after 80 % of its life. It also runs the
 * record page's "Close Won" action (a PATCH through the org's REST API as the signed-in user) and
 * watches the opportunity's Commission__c records, re-rendering the page's components when they
 * change, as Lightning Data Service refreshes a record page.
 */
export const HOST_SCRIPT = String.raw`(() => {
  'use strict';
  const REFRESH_AT_FRACTION = 0.8;
  const RETRY_DELAY_MS = 15000;
  const body = document.body;
  const bundleUrl = body.dataset.bundleUrl;
  let bundle;
  function loadScript(url) {
    bundle ??= new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('The Attain widget could not be loaded (attain_widget static resource).'));
      document.head.appendChild(script);
    });
    return bundle;
  }
  async function mintToken() {
    const response = await fetch('/__lightning/apex/AttainTokenService/mintToken', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}',
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.message || 'Attain could not start: the token service failed.');
    return answer;
  }
  class Host {
    constructor(container) { this.container = container; this.timer = undefined; this.element = undefined; }
    async start() {
      clearTimeout(this.timer);
      const tag = this.container.dataset.attainTag;
      this.status('Loading Attain…', false);
      try {
        const [, grant] = await Promise.all([loadScript(bundleUrl), mintToken()]);
        if (!customElements.get(tag)) throw new Error('The Attain widget bundle does not define <' + tag + '>.');
        const element = document.createElement(tag);
        if (this.container.dataset.recordId) element.recordId = this.container.dataset.recordId;
        if (this.container.dataset.objectApiName) element.objectApiName = this.container.dataset.objectApiName;
        if (body.dataset.today) element.today = body.dataset.today;
        element.apiUrl = grant.apiUrl;
        element.token = grant.token;
        this.container.replaceChildren(element);
        this.element = element;
        this.schedule(grant);
      } catch (error) {
        this.status(error.message, true);
      }
    }
    schedule(grant) {
      const lifeMs = grant.expiresIn * 1000;
      this.expiresAtMs = Date.now() + lifeMs;
      this.timer = setTimeout(() => this.refresh(), lifeMs * REFRESH_AT_FRACTION);
    }
    async refresh() {
      try {
        const grant = await mintToken();
        this.element.apiUrl = grant.apiUrl;
        this.element.token = grant.token;
        this.schedule(grant);
      } catch (error) {
        const remaining = this.expiresAtMs - Date.now();
        if (remaining > 0) this.timer = setTimeout(() => this.refresh(), Math.min(RETRY_DELAY_MS, remaining));
        else this.status(error.message, true);
      }
    }
    status(message, isError) {
      const box = document.createElement('div');
      box.className = isError ? 'slds-notify slds-notify_alert slds-alert_error' : 'slds-text-color_weak';
      box.setAttribute('role', isError ? 'alert' : 'status');
      box.textContent = message;
      this.container.replaceChildren(box);
    }
  }
  const hosts = [...document.querySelectorAll('[data-attain-tag]')].map((container) => new Host(container));
  for (const host of hosts) host.start();

  function toast(message, isError) {
    const region = document.getElementById('toast');
    if (!region) return;
    region.textContent = message;
    region.className = 'toast ' + (isError ? 'toast-error' : 'toast-success');
    region.hidden = false;
    setTimeout(() => { region.hidden = true; }, 6000);
  }

  const closeWon = document.getElementById('close-won');
  if (closeWon) {
    closeWon.addEventListener('click', async () => {
      closeWon.disabled = true;
      const id = closeWon.dataset.recordId;
      const today = body.dataset.today || new Date().toISOString().slice(0, 10);
      const response = await fetch('/services/data/v62.0/sobjects/Opportunity/' + id, {
        method: 'PATCH',
        headers: { Authorization: 'Bearer ' + body.dataset.session, 'Content-Type': 'application/json' },
        body: JSON.stringify({ StageName: 'Closed Won', CloseDate: today }),
      });
      if (response.status === 204) {
        document.getElementById('field-StageName').textContent = 'Closed Won';
        document.getElementById('field-CloseDate').textContent = today;
        toast('Opportunity closed won. Attain is calculating the commission…', false);
        closeWon.hidden = true;
        watchCommissions(30000);
      } else {
        const errors = await response.json().catch(() => []);
        toast((errors[0] && errors[0].message) || 'The opportunity could not be saved.', true);
        closeWon.disabled = false;
      }
    });
  }

  // Like a record page refreshed by Lightning Data Service: when the opportunity's Commission__c
  // records change, redraw the related list and the components on the page.
  const related = document.getElementById('commissions');
  let lastStamp = related ? related.dataset.stamp : '';
  let watchUntil = 0;
  let watching = false;
  async function poll() {
    const response = await fetch('/__lightning/records/Opportunity/' + related.dataset.recordId + '/commissions', {
      credentials: 'same-origin',
    });
    if (!response.ok) return;
    const answer = await response.json();
    if (answer.stamp !== lastStamp) {
      lastStamp = answer.stamp;
      related.innerHTML = answer.html;
      related.dataset.stamp = answer.stamp;
      for (const host of hosts) host.start();
      if (answer.count > 0) toast('Commission calculated: ' + answer.count + ' commission line(s) on this opportunity.', false);
    }
  }
  async function watchCommissions(forMs) {
    watchUntil = Math.max(watchUntil, Date.now() + forMs);
    if (watching || !related) return;
    watching = true;
    while (Date.now() < watchUntil) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await poll().catch(() => undefined);
    }
    watching = false;
  }
  if (related) setInterval(() => poll().catch(() => undefined), 10000);

  const switcher = document.getElementById('user-switcher');
  if (switcher) switcher.addEventListener('change', () => switcher.form.submit());
})();
`;
