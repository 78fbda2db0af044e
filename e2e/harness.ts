import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WEB_DIST, type RunningServer, startServer } from '@taizhang/server';
import { DEMO_PASSWORD } from '@taizhang/services';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * End-to-end tests drive Debian's Chromium against the real server on a fresh embedded
 * database holding the demo district — what `npm start` serves. Nothing here is mocked.
 */

/** Debian's Chromium; `.ci/run` installs it. Downloading a browser is not possible on these machines. */
export const CHROMIUM = process.env.TAIZHANG_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for Chromium as root on a closed network: no sandbox, and no calls home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where tests leave screenshots of the main pages, for a person to look at. */
export const SCREENSHOTS = join(process.cwd(), 'out', 'screenshots');

export interface App {
  url: string;
  server: RunningServer;
  close(): Promise<void>;
}

/** The server with the demo district and its accounts, on a free port and its own data directory. */
export async function startDemoApp(): Promise<App> {
  if (!existsSync(join(DEFAULT_WEB_DIST, 'index.html'))) {
    throw new Error(`the web app is not built (${DEFAULT_WEB_DIST}): run npm run build first`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'taizhang-e2e-'));
  const server = await startServer({
    port: 0,
    dataDir: join(dir, 'data'),
    demo: true,
    handleSignals: false,
    logger: false,
  });
  return {
    url: server.url.replace('localhost', '127.0.0.1'),
    server,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Chromium, or a loud failure saying how to get it: an end-to-end test is never skipped. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set TAIZHANG_CHROMIUM)`);
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A fresh browser profile (its own cookies), sized like an office monitor, in Chinese. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
}

/** Signs in through the login page as a demo account and waits for the app to show. */
export async function signIn(page: Page, app: App, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${app.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // A drawer or a message still sliding in would be caught half-way: wait for them to settle
  // (a spinner's endless turn is no reason to wait). A function, not a string: the app's CSP
  // forbids eval; e2e is compiled without the DOM's types.
  interface Running {
    playState: string;
    effect: { getComputedTiming(): { iterations?: number } } | null;
  }
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Running[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY),
  );
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
