/**
 * The live dashboard page in a real browser (Debian's chromium, headless, driven by
 * playwright-core): sign in with the form, see the tiles, change a task over HTTP and see the tile
 * change through dashboardUpdated; then cut the page's connection (a TCP proxy in front of the
 * server goes down), change something while it is away, and see it reconnect, refetch the figures
 * and resubscribe to the activity from the last cursor it saw, the missed event replayed. A
 * screenshot is kept in .data/screenshots/ for a human to look at.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping the /dashboard browser test: no chromium at ${CHROMIUM} (.ci/run installs it)`);

describe.skipIf(!hasChromium)('GET /dashboard in a browser', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let browser: Browser;
  let page: Page;
  let member: { accessToken: string };
  let projectId: string;
  const pageErrors: string[] = [];
  /** Every graphql-ws message the page sent and received, in order. */
  const frames: { dir: 'sent' | 'received'; message: any }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    member = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    const projects = await server.graphql('{ projects(first: 20) { nodes { id status } } }', {}, member.accessToken);
    projectId = projects.data!.projects.nodes.find((p: { status: string }) => p.status !== 'ARCHIVED').id;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => void frames.push({ dir: 'sent', message: JSON.parse(String(payload)) }));
      socket.on('framereceived', ({ payload }) => void frames.push({ dir: 'received', message: JSON.parse(String(payload)) }));
    });
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

  const tileValue = (key: string) => page.locator(`[data-tile="${key}"] .value`);
  const createTask = async (title: string) => {
    const result = await server.graphql('mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }', { i: { projectId, title } }, member.accessToken);
    expect(result.errors).toBeUndefined();
  };

  it('serves the page and its scripts from the server itself, with a strict CSP', async () => {
    const response = await fetch(`${server.url}/dashboard`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//); // no CDN
    for (const asset of ['/dashboard/app.js', '/dashboard/graphql-ws.js', '/dashboard/style.css']) {
      expect(html).toContain(asset);
      expect((await fetch(`${server.url}${asset}`)).status).toBe(200);
    }
    expect((await fetch(`${server.url}/dashboard`, { method: 'POST' })).status).toBe(405);
  });

  it('signs in, shows the dashboard, and updates a tile when a task changes over HTTP', async () => {
    await page.goto(`http://127.0.0.1:${proxy.port}/dashboard`);
    await page.getByLabel('Organisation').fill('sakura-kensetsu');
    await page.getByLabel('E-mail').fill('admin@sakura-kensetsu.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#status[data-state="live"]').waitFor();
    await tileValue('TODO').filter({ hasText: /^\d+$/ }).waitFor();
    const before = Number(await tileValue('TODO').textContent());
    await expect.poll(() => page.locator('#who').textContent()).toMatch(/\(admin\)$/);

    await createTask('Seen live in the browser');
    await expect.poll(() => tileValue('TODO').textContent(), { timeout: 15_000 }).toBe(String(before + 1));
    await expect.poll(() => page.locator('#activity li').first().textContent()).toContain('Seen live in the browser');

    await mkdir('.data/screenshots', { recursive: true });
    await page.screenshot({ path: '.data/screenshots/dashboard.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('reconnects after a drop, refetches the figures and resumes the activity from its last cursor', async () => {
    const before = Number(await tileValue('TODO').textContent());
    const newest = await server.graphql('{ activity(first: 1) { edges { cursor } } }', {}, member.accessToken);
    const lastSeen = newest.data!.activity.edges[0].cursor as string; // the page has shown this event
    await expect.poll(() => page.locator('#activity li').first().textContent()).toContain('Seen live in the browser');
    await proxy.down(); // cuts the WebSocket; reconnecting fails until it is back
    await page.locator('#status[data-state="reconnecting"]').waitFor();
    const droppedAt = frames.length;
    await createTask('Created while the page was offline'); // straight to the server: the page cannot hear of it
    await proxy.up();
    await page.locator('#status[data-state="live"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => tileValue('TODO').textContent(), { timeout: 15_000 }).toBe(String(before + 1));
    await expect.poll(() => page.locator('#activity li').first().textContent()).toContain('Created while the page was offline');

    // The activity was resubscribed from the last cursor seen, and the missed event came as its replay.
    const after = frames.slice(droppedAt);
    const resubscribed = after.filter((f) => f.dir === 'sent' && f.message.type === 'subscribe' && /activityRecorded/.test(f.message.payload.query));
    expect(resubscribed.map((f) => f.message.payload.variables)).toEqual([{ after: lastSeen }]);
    await expect
      .poll(() => after.filter((f) => f.dir === 'received' && f.message.id === resubscribed[0]!.message.id).map((f) => f.message.payload?.data?.activityRecorded?.summary))
      .toEqual([expect.stringContaining('Created while the page was offline')]);
    expect(await page.locator('#activity li', { hasText: 'Created while the page was offline' }).count()).toBe(1); // refetched and replayed: shown once
    await page.screenshot({ path: '.data/screenshots/dashboard-after-reconnect.png', fullPage: true });
    expect(pageErrors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to fetch/.test(e))).toEqual([]);
  });
});
