/**
 * Debian's Chromium through playwright-core, and a way into the widget's CLOSED shadow roots that
 * ships nothing in the bundle: the browser's own accessibility tree (CDP `Accessibility.getFullAXTree`
 * sees through closed roots, as a screen reader does). Reading is by accessible text; acting is by
 * role and accessible name, resolved to the node's box (`DOM.getBoxModel`) and clicked with the mouse,
 * or focused (`DOM.focus`) and typed into with the keyboard — what a person does.
 */
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  // chromium.launch gives every browser a fresh temporary profile (user-data-dir) of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

interface AxNode {
  nodeId: string;
  ignored: boolean;
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
}

const sessions = new WeakMap<Page, CDPSession>();
async function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    await session.send('DOM.enable');
    await session.send('Accessibility.enable');
    sessions.set(page, session);
  }
  return session;
}

async function axNodes(page: Page): Promise<AxNode[]> {
  const session = await cdp(page);
  // A fresh document each time: getFullAXTree answers for the current DOM.
  await session.send('DOM.getDocument', { depth: -1, pierce: true });
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as unknown as { nodes: AxNode[] };
  return nodes;
}

/** Every accessible text of the page (shadow roots included), one string. */
export async function pageText(page: Page): Promise<string> {
  const nodes = await axNodes(page);
  return nodes
    .filter((node) => !node.ignored && (node.role?.value === 'StaticText' || node.role?.value === 'InlineTextBox'))
    .map((node) => node.name?.value ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

async function findNode(page: Page, role: string, name: string | RegExp): Promise<AxNode | undefined> {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  return (await axNodes(page)).find(
    (node) => !node.ignored && node.role?.value === role && matches(node.name?.value ?? '') && node.backendDOMNodeId,
  );
}

/** Waits until `predicate(pageText)` holds; returns the text. */
export async function waitForText(
  page: Page,
  predicate: (text: string) => boolean,
  timeoutMs = 10_000,
  pollMs = 100,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = await pageText(page);
    if (predicate(text)) return text;
    if (Date.now() > deadline)
      throw new Error(`text not found within ${timeoutMs} ms; the page says: ${text.slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function nodeBy(page: Page, role: string, name: string | RegExp, timeoutMs: number): Promise<AxNode> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const node = await findNode(page, role, name);
    if (node) return node;
    if (Date.now() > deadline) throw new Error(`no ${role} named ${String(name)} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks the element with this role and accessible name (waits for it to appear). */
export async function clickRole(page: Page, role: string, name: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const node = await nodeBy(page, role, name, timeoutMs);
  const session = await cdp(page);
  await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendDOMNodeId! });
  const { model } = (await session.send('DOM.getBoxModel', { backendNodeId: node.backendDOMNodeId! })) as {
    model: { content: number[] };
  };
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/** Focuses the element with this role and name (a text box, a combo box) and types, replacing its value. */
export async function typeInto(page: Page, role: string, name: string | RegExp, text: string): Promise<void> {
  const node = await nodeBy(page, role, name, 10_000);
  const session = await cdp(page);
  await session.send('DOM.focus', { backendNodeId: node.backendDOMNodeId! });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}
