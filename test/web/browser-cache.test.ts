/**
 * The browser's own HTTP cache must never hand one viewer's GET answer to the next. One headless
 * Chromium profile (a shared office PC; a consultant signed in to two companies) GETs the same
 * /graphql URL as different viewers — two members of one tenant, and members of two tenants —
 * and each sees their own answer. The same profile does serve a viewer's repeated GET from its
 * cache (transfer size 0), so the cache is really in play: it is `Vary: Accept, Authorization`
 * that keeps a copy per viewer.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

interface Fetched {
  body: any;
  /** 0 when the browser answered from its own cache. */
  transferSize: number;
  vary: string | null;
  cacheControl: string | null;
}

describe.skipIf(!hasChromium)('the browser cache and two viewers in one profile', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    tokens.member = (await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example')).accessToken;
    tokens.member2 = (await server.login('sakura-kensetsu', 'member2@sakura-kensetsu.example')).accessToken;
    tokens.fuji = (await server.login('fuji-logistics', 'member@fuji-logistics.example')).accessToken;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    page = await (await browser.newContext()).newPage(); // one profile, one HTTP cache
    await page.goto(`${server.url}/dashboard`); // any page of the API's origin: the GETs below are same-origin
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** GET of `query` from the page, as `viewer`, with the browser's default cache mode. */
  const get = (query: string, viewer: string): Promise<Fetched> =>
    page.evaluate(async ({ url, token }) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
      const body = await response.json();
      const origin = (globalThis as unknown as { location: { href: string } }).location.href;
      const entries = performance.getEntriesByName(new URL(url, origin).href) as unknown as { transferSize: number }[];
      return { body, transferSize: entries.at(-1)!.transferSize, vary: response.headers.get('vary'), cacheControl: response.headers.get('cache-control') };
    }, { url: `/graphql?query=${encodeURIComponent(query)}`, token: tokens[viewer]! });

  it('the same `me` URL as two members of one tenant: each gets themself', async () => {
    const query = '{ me { email } }';
    const first = await get(query, 'member');
    expect(first.body.data.me.email).toBe('member@sakura-kensetsu.example');
    expect(first.cacheControl).toMatch(/^private, max-age=[1-9]\d*$/);
    expect(first.vary).toBe('Accept, Authorization');
    const repeated = await get(query, 'member');
    expect(repeated.body).toEqual(first.body);
    expect(repeated.transferSize).toBe(0); // the browser's cache answered: it is in play
    const second = await get(query, 'member2');
    expect(second.body.data.me.email).toBe('member2@sakura-kensetsu.example');
    expect(second.transferSize).toBeGreaterThan(0);
    expect((await get(query, 'member')).body.data.me.email).toBe('member@sakura-kensetsu.example');
  });

  it('the same dashboard and tenant URLs as users of two tenants: each sees their own company', async () => {
    const tenant = '{ tenant { slug } }';
    expect((await get(tenant, 'member')).body.data.tenant.slug).toBe('sakura-kensetsu');
    expect((await get(tenant, 'fuji')).body.data.tenant.slug).toBe('fuji-logistics');

    const dashboard = '{ dashboard { generatedAt taskCountsByStatus { status count } recentActivity(first: 1) { summary } } }';
    const sakura = await get(dashboard, 'member');
    const fuji = await get(dashboard, 'fuji');
    expect(fuji.transferSize).toBeGreaterThan(0);
    expect(fuji.body).not.toEqual(sakura.body);
    // What fuji saw is what the server gives fuji, not sakura's answer from the browser's cache.
    const direct = await fetch(`${server.url}/graphql?query=${encodeURIComponent(dashboard)}`, { headers: { authorization: `Bearer ${tokens.fuji}`, 'apollo-require-preflight': 'true' } });
    expect(fuji.body).toEqual(await direct.json());
  });
});
