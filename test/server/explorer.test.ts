/**
 * The explorer, as a person meets it: GET / leads to /graphql, where a browser gets Apollo Sandbox
 * configured for this API; when Apollo's CDN cannot be reached the page moves to /explorer,
 * GraphiQL served from node_modules, which loads with no request to anywhere but this server,
 * signs in, runs a query and receives a subscription — in headless Chromium (Debian's).
 * Set EXPLORER_SCREENSHOTS=<folder> to keep screenshots of what the browser showed.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_TEMPLATE, INITIAL_DOCUMENT, INITIAL_VARIABLES } from '../../src/server/explorer/initial-document.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { until } from '../support/ws-client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const screenshots = process.env.EXPLORER_SCREENSHOTS;

async function screenshot(page: Page, name: string) {
  if (!screenshots) return;
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/**
 * A page that records every request to a host other than this machine and aborts it before it
 * leaves (no DNS lookup, no connection): what the page would have fetched from outside.
 */
async function isolatedPage(browser: Browser): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || ['127.0.0.1', 'localhost'].includes(url.hostname)) return route.continue();
    outside.push(url.href);
    return route.abort('internetdisconnected');
  });
  return { page, outside };
}

async function runOperation(page: Page, name: string) {
  await page.click('.graphiql-execute-button');
  await page.getByRole('menuitem', { name }).click();
}

const resultText = (page: Page) => page.textContent('.result-window').then((text) => text ?? '');

/** The browser's document, typed only as far as the predicates below need (no DOM types here). */
type BrowserGlobal = { document: { querySelector(selector: string): { textContent: string | null } | null } };

/**
 * Waits until GraphiQL's result pane contains `text`. A function, not a string: the page's CSP
 * forbids eval, and Playwright runs functions without it.
 */
const resultContains = (page: Page, text: string) =>
  page.waitForFunction(
    (wanted) => (globalThis as unknown as BrowserGlobal).document.querySelector('.result-window')?.textContent?.includes(wanted) ?? false,
    text,
  );

describe('explorer', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('GET / redirects to /graphql, where a browser gets Sandbox configured for this API, telemetry off', async () => {
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/graphql');

    const html = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } }).then((r) => r.text());
    // Our fallback runs before Apollo's CDN script is even requested.
    expect(html.indexOf('<script src="/explorer/fallback.js"></script>')).toBeGreaterThan(-1);
    expect(html.indexOf('<script src="/explorer/fallback.js"></script>')).toBeLessThan(html.indexOf('embeddable-sandbox.cdn.apollographql.com'));
    const config = JSON.parse(/var embeddedSandboxConfig = (.*);/.exec(html)![1]!) as Record<string, any>;
    expect(config.initialState).toMatchObject({ document: INITIAL_DOCUMENT, variables: INITIAL_VARIABLES, headers: HEADER_TEMPLATE, includeCookies: false });
    expect(config.runTelemetry).toBe(false);
    expect(config.endpointIsEditable).toBe(false);
  });

  it('serves GraphiQL and its libraries from node_modules, and nothing outside its list', async () => {
    const get = (path: string) => fetch(`${server.url}${path}`);
    for (const [path, type] of [
      ['/explorer/vendor/graphiql.min.js', 'text/javascript'],
      ['/explorer/vendor/graphiql.min.css', 'text/css'],
      ['/explorer/vendor/react.production.min.js', 'text/javascript'],
      ['/explorer/vendor/react-dom.production.min.js', 'text/javascript'],
      ['/explorer/vendor/graphql-ws.min.js', 'text/javascript'],
      ['/explorer/explorer.js', 'text/javascript'],
      ['/explorer/fallback.js', 'text/javascript'],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain(type);
      expect((await response.arrayBuffer()).byteLength, path).toBeGreaterThan(500);
    }
    const page = await get('/explorer');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'; connect-src 'self' ws: wss:/);
    expect(await page.text()).toContain('"document":"# Welcome to the Dandori Portal API.');
    for (const path of ['/explorer/vendor/../../package.json', '/explorer/vendor/package.json', '/explorer/index.html', '/explorer/vendor/graphiql.js']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('offline: /explorer loads with no outside request, signs in, runs a query and receives a subscription', async () => {
    const { page, outside } = await isolatedPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/explorer`);
    await page.waitForSelector('.graphiql-container');

    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#signed-in:not([hidden])');
    expect(await page.textContent('#who')).toBe('佐藤 健太 (MEMBER) · sakura-kensetsu');
    expect(await page.isHidden('#sign-in')).toBe(true);

    await runOperation(page, 'MyWork');
    await resultContains(page, 'totalCount');
    const result = await resultText(page);
    expect(result).toContain('"displayName": "佐藤 健太"');
    expect(result).toContain('"role": "MEMBER"');
    await screenshot(page, 'offline-explorer-signed-in-query');

    // A subscription over graphql-ws, signed in through connectionParams from the same headers.
    const before = server.app.websocket.stats().subscriptions;
    await runOperation(page, 'Activity');
    await until(() => server.app.websocket.stats().subscriptions > before, 20_000, () => 'the explorer to subscribe');
    const { accessToken } = await server.login('sakura-kensetsu', 'admin@sakura-kensetsu.example');
    const created = await server.graphql('mutation { createDepartment(input: { code: "EXPL", name: "探索部" }) { id } }', undefined, accessToken);
    expect(created.errors).toBeUndefined();
    await resultContains(page, 'activityRecorded');
    expect(await resultText(page)).toContain('"verb": "department.created"');
    await screenshot(page, 'offline-explorer-subscription');

    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('moves from the Sandbox page to the offline explorer when Apollo\'s CDN cannot be reached', async () => {
    const { page, outside } = await isolatedPage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/explorer\?from=sandbox&reason=cdn-unreachable$/);
    await page.waitForSelector('.graphiql-container');
    expect(await page.isVisible('#offline-note')).toBe(true);
    // Only the Sandbox page asked for anything outside (Apollo's CDN and fonts), and none of it left.
    expect(outside.every((url) => /apollographql\.com|fonts\.googleapis\.com/.test(url))).toBe(true);
    expect(outside.some((url) => url.startsWith('https://embeddable-sandbox.cdn.apollographql.com/'))).toBe(true);
    await screenshot(page, 'sandbox-fell-back-offline');
    await page.close();
  }, 120_000);
});

describe('explorer in production', () => {
  it('is not served: no redirect, no offline explorer, no landing page', async () => {
    const server = await startTestServer({ env: { NODE_ENV: 'production', REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', METRICS_PORT: '0' } });
    try {
      expect((await fetch(`${server.url}/`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${server.url}/explorer`)).status).toBe(404);
      expect((await fetch(`${server.url}/explorer/vendor/graphiql.min.js`)).status).toBe(404);
      const landing = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await landing.text()).not.toContain('EmbeddedSandbox');
    } finally {
      await server.close();
    }
  }, 120_000);
});
