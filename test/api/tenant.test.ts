import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLResult, type TestServer } from '../support/server.js';
import { graphql } from '../generated/index.js';
import type { UpdateTenantInput } from '../generated/graphql.js';

const SAKURA = 'sakura-kensetsu';
graphql(`fragment TenantFields on Tenant { id slug name plan rateLimitPerMinute settings createdAt updatedAt }`);
const UPDATE = graphql(`mutation TenantUpdate($i: UpdateTenantInput!) { updateTenant(input: $i) { ...TenantFields } }`);
const READ = graphql(`query TenantRead { tenant { ...TenantFields } }`);
const READ_ID = graphql(`query TenantReadId { tenant { id } }`);
const READ_SETTINGS = graphql(`query TenantReadSettings { tenant { name settings } }`);
const READ_SLUG = graphql(`query TenantReadSlug { tenant { id slug } }`);
const READ_OURS = graphql(`query TenantReadOurs { tenant { slug name settings } }`);

/** The one error of a failed operation, with its code, HTTP status and field messages. */
function failure(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  return { status: result.status, code: error!.extensions?.code, message: error!.message, fields: error!.extensions?.fields };
}

describe('tenant over HTTP', () => {
  let server: TestServer;
  let owner: string;
  let admin: string;
  let viewer: string;
  let foreignOwner: string;

  const update = (input: UpdateTenantInput, token = owner) => server.graphql(UPDATE, { i: input }, token);

  beforeAll(async () => {
    server = await startTestServer();
    owner = (await server.login(SAKURA, `owner@${SAKURA}.example`)).accessToken;
    admin = (await server.login(SAKURA, `admin@${SAKURA}.example`)).accessToken;
    viewer = (await server.login(SAKURA, `viewer@${SAKURA}.example`)).accessToken;
    foreignOwner = (await server.login('fuji-logistics', 'owner@fuji-logistics.example')).accessToken;
  });
  afterAll(() => server?.close());

  it('returns the viewer’s own tenant to any role, and UNAUTHENTICATED without a token', async () => {
    const result = await server.graphql(READ, {}, viewer);
    expect(result).toMatchObject({ status: 200 });
    expect(result.data).toEqual({
      tenant: {
        id: server.tenantIds[SAKURA], slug: SAKURA, name: '桜建設株式会社', plan: 'enterprise', rateLimitPerMinute: 60000,
        // The seed writes its own keys here (locale, its bookkeeping); their shape is the seed's business.
        settings: expect.objectContaining({ locale: 'ja-JP' }), createdAt: expect.any(String), updatedAt: expect.any(String),
      },
    });
    expect(failure(await server.graphql(READ_ID))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('an OWNER updates name and settings, recording tenant.updated', async () => {
    const settings = { locale: 'ja-JP', workWeek: ['MON', 'TUE', 'WED', 'THU', 'FRI'], notifications: { digest: true } };
    const result = await update({ name: ' 桜建設 ', settings });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateTenant).toMatchObject({ id: server.tenantIds[SAKURA], slug: SAKURA, name: '桜建設', settings });
    const read = await server.graphql(READ_SETTINGS, {}, viewer);
    expect(read.data).toEqual({ tenant: { name: '桜建設', settings } });

    const onlySettings = await update({ settings: {} });
    expect(onlySettings.data!.updateTenant).toMatchObject({ name: '桜建設', settings: {} });

    const events = await server.database.writer.activityEvent.findMany({
      where: { verb: 'tenant.updated', tenantId: server.tenantIds[SAKURA] },
      select: { subjectType: true, subjectId: true, summary: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(events).toEqual([
      { subjectType: 'Tenant', subjectId: server.tenantIds[SAKURA], summary: "updated the tenant's name and settings" },
      { subjectType: 'Tenant', subjectId: server.tenantIds[SAKURA], summary: "updated the tenant's settings" },
    ]);
  });

  it('refuses bad input with per-field messages', async () => {
    expect(failure(await update({ name: '', settings: [1, 2] }))).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      fields: { 'input.name': 'must not be empty', 'input.settings': 'must be a JSON object (send {} to clear the settings)' },
    });
    expect(failure(await update({ settings: null }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.settings': 'must be a JSON object (send {} to clear the settings)' } });
    expect(failure(await update({ settings: 'text' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.settings': expect.any(String) } });
    expect(failure(await update({ name: 'x'.repeat(201) }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.name': 'at most 200 characters' } });

    // {"blob":"…"} is 11 bytes plus the string: 16,373 characters is exactly 16 KiB, one more is too much.
    expect((await update({ settings: { blob: 'x'.repeat(16_373) } })).errors).toBeUndefined();
    expect(failure(await update({ settings: { blob: 'x'.repeat(16_374) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'input.settings': 'is 16385 bytes of JSON; at most 16384 (16 KiB)' },
    });
    // Bytes, not characters: 6,000 three-byte characters are 18,011 bytes.
    expect(failure(await update({ settings: { blob: '桜'.repeat(6_000) } }))).toMatchObject({ fields: { 'input.settings': 'is 18011 bytes of JSON; at most 16384 (16 KiB)' } });
  });

  it('only an OWNER may update the tenant', async () => {
    expect(failure(await update({ name: 'Taken over' }, admin))).toEqual({
      status: 403, code: 'FORBIDDEN', fields: undefined, message: 'tenant:manage needs the OWNER role or higher; you are ADMIN',
    });
    expect(failure(await update({ name: 'Taken over' }, viewer))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('each tenant sees and changes only its own row', async () => {
    const theirs = await server.graphql(READ_SLUG, {}, foreignOwner);
    expect(theirs.data).toEqual({ tenant: { id: server.tenantIds['fuji-logistics'], slug: 'fuji-logistics' } });
    const renamed = await update({ name: '富士ロジ', settings: { region: 'kanto' } }, foreignOwner);
    expect(renamed.data!.updateTenant).toMatchObject({ slug: 'fuji-logistics', name: '富士ロジ' });
    const ours = await server.graphql(READ_OURS, {}, viewer);
    expect(ours.data!.tenant.slug).toBe(SAKURA);
    expect(ours.data!.tenant.name).not.toBe('富士ロジ');
    expect(ours.data!.tenant.settings).not.toEqual({ region: 'kanto' });
  });
});
