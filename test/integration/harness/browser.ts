// Debian's Chromium, headless, driven by playwright-core. No browser download: the machine reaches no CDN.
// Every request that is not to this machine is refused, so nothing a test does can leave loopback.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';
import { onCleanup } from './cleanup.js';

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const fromEnv = process.env['FACETWISE_CHROMIUM'];
  if (fromEnv) return fromEnv;
  const found = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install chromium (or set FACETWISE_CHROMIUM)');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Our own cleanup closes the browser; Playwright's handlers would exit the process before it stops code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
  onCleanup('browser', () => browser.close());
  return browser;
}

export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return false;
  const host = parsed.hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A fresh browser context (own storage, so no workbench state leaks between runs) that blocks the network. */
export async function newIsolatedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    deviceScaleFactor: 1,
    // Webviews load their content through a service worker; without it every webview fails ("Could not register
    // service worker"). Its fetches escape page.route, but they go to the webview origin served by code-server on
    // loopback, and this machine reaches nothing else.
    serviceWorkers: 'allow',
  });
  await context.route('**/*', (route) => (isLoopbackUrl(route.request().url()) ? route.fallback() : route.abort('blockedbyclient')));
  return context;
}
