/**
 * Attachments end to end on the embedded (local) storage: GraphQL for the two mutations, and
 * real HTTP PUT/GET against the server's /uploads endpoint in between, like a browser would.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUrl } from '../../src/storage/local-signing.js';
import { createUrlSigner } from '../../src/storage/url-signer.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { ResultOf } from '../support/operations.js';
import { graphql } from '../generated/index.js';

const JWT_SECRET = 'attachments-test-secret-attachments-test-secret';
const CREATE = graphql(`mutation AttachmentsCreate($i: CreateAttachmentUploadInput!) {
  createAttachmentUpload(input: $i) {
    uploadUrl method headers expiresAt
    attachment { id filename contentType size status downloadUrl task { id } uploadedBy { id } }
  }
}`);
const COMPLETE = graphql(`mutation AttachmentsComplete($id: UUID!) { completeAttachmentUpload(id: $id) { id status size downloadUrl } }`);
const TASK_ATTACHMENTS = graphql(`query AttachmentsOfTask($id: UUID!) { task(id: $id) { attachments { id filename status downloadUrl } } }`);
const A_TASK = graphql(`query AttachmentsATask { tasks(first: 1) { nodes { id } } }`);

/** An announced upload; `headers` is a JSON scalar, the headers the PUT must send. */
type Upload = Omit<ResultOf<typeof CREATE>['createAttachmentUpload'], 'headers'> & { headers: Record<string, string> };

describe('attachments over HTTP', () => {
  let server: TestServer;
  let sandbox: string; // UPLOAD_DIR is sandbox/uploads, so an escape would land in the sandbox
  let uploadDir: string;
  let member: { accessToken: string; userId: string };
  let viewer: string;
  let otherTenant: string;
  let taskId: string;
  let tenantId: string;

  beforeAll(async () => {
    sandbox = await mkdtemp(join(tmpdir(), 'dandori-attachments-'));
    uploadDir = join(sandbox, 'uploads');
    server = await startTestServer({ env: { UPLOAD_DIR: uploadDir, JWT_SECRET } });
    member = await server.login('sakura-kensetsu', 'member@sakura-kensetsu.example');
    viewer = (await server.login('sakura-kensetsu', 'viewer@sakura-kensetsu.example')).accessToken;
    otherTenant = (await server.login('fuji-logistics', 'owner@fuji-logistics.example')).accessToken;
    taskId = (await server.graphql(A_TASK, {}, member.accessToken)).data!.tasks.nodes[0]!.id;
    tenantId = server.tenantIds['sakura-kensetsu']!;
  });
  afterAll(async () => {
    await server?.close();
    await rm(sandbox, { recursive: true, force: true });
  });

  async function announce(input: { filename?: string; contentType?: string; size: number }, token = member.accessToken) {
    return server.graphql(CREATE, { i: { taskId, filename: 'plan.pdf', contentType: 'application/pdf', ...input } }, token);
  }

  async function announced(bytes: Buffer, input: { filename?: string; contentType?: string } = {}): Promise<Upload> {
    const result = await announce({ ...input, size: bytes.length });
    expect(result.errors).toBeUndefined();
    const upload = result.data!.createAttachmentUpload;
    return { ...upload, headers: upload.headers as Record<string, string> };
  }

  const put = (upload: Upload, body: Buffer, headers = upload.headers) => fetch(upload.uploadUrl, { method: upload.method, headers, body });

  /** Every file under the sandbox, relative to it. */
  async function filesInSandbox(): Promise<string[]> {
    const entries = await readdir(sandbox, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(sandbox.length + 1)).sort();
  }

  it('uploads, completes and downloads a file', async () => {
    const bytes = randomBytes(3000);
    const upload = await announced(bytes, { filename: '配筋図 (rev 2).pdf' });
    const id = upload.attachment.id;
    expect(upload).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      attachment: { filename: '配筋図 (rev 2).pdf', size: 3000, status: 'PENDING', downloadUrl: null },
    });
    expect(upload.attachment).toMatchObject({ task: { id: taskId }, uploadedBy: { id: member.userId } });
    expect(new Date(upload.expiresAt).getTime()).toBeGreaterThan(Date.now() + 800_000);
    // The server's own (listening) URL, and a key that starts with the tenant.
    expect(upload.uploadUrl.startsWith(`${server.url}/uploads/${tenantId}/${taskId}/${id}/rev_2.pdf?`)).toBe(true);

    const stored = await put(upload, bytes);
    expect(stored.status).toBe(200);

    const completed = await server.graphql(COMPLETE, { id }, member.accessToken);
    expect(completed.errors).toBeUndefined();
    expect(completed.data!.completeAttachmentUpload).toMatchObject({ id, status: 'READY', size: 3000 });

    const listed = await server.graphql(TASK_ATTACHMENTS, { id: taskId }, member.accessToken);
    const mine = listed.data!.task!.attachments.find((a) => a.id === id)!;
    expect(mine).toMatchObject({ status: 'READY', downloadUrl: expect.stringContaining(`/uploads/${tenantId}/`) });

    const download = await fetch(mine.downloadUrl!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="___ (rev 2).pdf"; filename*=UTF-8''${encodeURIComponent('配筋図 (rev 2).pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    // Completing again is harmless and records nothing more.
    const again = await server.graphql(COMPLETE, { id }, member.accessToken);
    expect(again.data!.completeAttachmentUpload.status).toBe('READY');
    const events = await server.database.writer.$queryRaw<{ verb: string }[]>`
      SELECT verb FROM activity_events WHERE subject_id = ${id}::uuid ORDER BY created_at`;
    expect(events.map((e) => e.verb)).toEqual(['attachment.requested', 'attachment.added']);
  });

  it('validates the announcement field by field', async () => {
    const bad = await server.graphql(CREATE, { i: { taskId, filename: '../plan.pdf', contentType: 'pdf', size: 50 * 1024 * 1024 + 1 } }, member.accessToken);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: {
        'input.filename': "must not contain '/' or '\\'",
        'input.contentType': "expected a MIME type such as 'application/pdf'",
        'input.size': 'must be at most 52428800 bytes',
      },
    });
    const more = await server.graphql(CREATE, { i: { taskId, filename: 'a\u0007b.txt', contentType: 'text/plain', size: 0 } }, member.accessToken);
    expect(more.errors?.[0]?.extensions?.fields).toEqual({ 'input.filename': 'must not contain control characters', 'input.size': 'must be at least 1 byte' });
    const long = await announce({ filename: `${'x'.repeat(252)}.pdf`, size: 1 });
    expect(long.errors?.[0]?.extensions?.fields).toEqual({ 'input.filename': 'at most 255 characters' });

    const unknownTask = await server.graphql(CREATE, { i: { taskId: '00000000-0000-4000-8000-000000000000', filename: 'a.txt', contentType: 'text/plain', size: 1 } }, member.accessToken);
    expect(unknownTask.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('will not complete before the file is there, or when its size differs', async () => {
    const upload = await announced(Buffer.alloc(10));
    const early = await server.graphql(COMPLETE, { id: upload.attachment.id }, member.accessToken);
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('not been uploaded yet') });

    // The endpoint never stores a wrong size, so put one there the way a misbehaving store would.
    const row = await server.database.writer.attachment.findUniqueOrThrow({ where: { id: upload.attachment.id } });
    await mkdir(dirname(join(uploadDir, row.storageKey)), { recursive: true });
    await writeFile(join(uploadDir, row.storageKey), Buffer.alloc(7));
    const wrong = await server.graphql(COMPLETE, { id: upload.attachment.id }, member.accessToken);
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/7 bytes were uploaded but 10 were announced/) });
    expect((await server.database.writer.attachment.findUniqueOrThrow({ where: { id: upload.attachment.id } })).status).toBe('PENDING');
  });

  it('refuses tampered, expired and mismatched uploads with nothing written', async () => {
    const bytes = Buffer.from('hello world');
    const upload = await announced(bytes, { contentType: 'text/plain', filename: 'note.txt' });
    const before = await filesInSandbox();

    const tampered = new URL(upload.uploadUrl);
    tampered.searchParams.set('sig', tampered.searchParams.get('sig')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
    const badSig = await fetch(tampered, { method: 'PUT', headers: upload.headers, body: bytes });
    expect(badSig.status).toBe(403);
    expect(await badSig.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });

    const bigger = new URL(upload.uploadUrl);
    bigger.searchParams.set('size', '1000000');
    expect((await fetch(bigger, { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(403);

    // A genuine signature whose time has passed.
    const key = decodeURIComponent(new URL(upload.uploadUrl).pathname.slice('/uploads/'.length));
    const expiredUrl = signedUrl(createUrlSigner(JWT_SECRET), server.url, 'upload', key, {
      expires: String(Math.floor(Date.now() / 1000) - 1),
      size: String(bytes.length),
      type: 'text/plain',
    });
    const expired = await fetch(expiredUrl, { method: 'PUT', headers: upload.headers, body: bytes });
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ errors: [{ message: expect.stringContaining('expired'), extensions: { code: 'FORBIDDEN' } }] });

    const otherType = await put(upload, bytes, { 'content-type': 'text/html' });
    expect(otherType.status).toBe(403);

    const tooBig = await put(upload, Buffer.concat([bytes, Buffer.from('!')]));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });

    // Without a Content-Length the body is counted as it streams: cut off past the signed size.
    const streamed = await rawRequest('PUT', new URL(upload.uploadUrl).pathname + new URL(upload.uploadUrl).search, upload.headers, [
      Buffer.alloc(8),
      Buffer.alloc(8),
    ]);
    expect(streamed.status).toBe(413);

    const tooSmall = await put(upload, bytes.subarray(0, 5));
    expect(tooSmall.status).toBe(400);

    expect(await filesInSandbox()).toEqual(before);
    const early = await server.graphql(COMPLETE, { id: upload.attachment.id }, member.accessToken);
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('never writes or reads outside UPLOAD_DIR, even with a valid signature', async () => {
    const signer = createUrlSigner(JWT_SECRET);
    const name = `escape-${randomBytes(4).toString('hex')}.txt`;
    const body = Buffer.from('escape');
    const params = { expires: String(Math.floor(Date.now() / 1000) + 60), size: String(body.length), type: 'text/plain' };
    /** The raw path, with a genuine signature for the key the server will decode from it. */
    const signedPath = (rawKeyPath: string) => {
      let key = rawKeyPath;
      try {
        key = rawKeyPath.split('/').map(decodeURIComponent).join('/');
      } catch {
        // a malformed escape: sign the raw text, the server must still refuse it
      }
      return `/uploads/${rawKeyPath}${new URL(signedUrl(signer, server.url, 'upload', key, params)).search}`;
    };
    const hostile = [
      `..%2F${name}`,
      `..%2F..%2F${name}`,
      `${tenantId}/..%2F..%2F..%2F${name}`,
      `%2E%2E%2F${name}`,
      `..%5C..%5C${name}`,
      `%2Ftmp%2F${name}`,
      `${tenantId}/%00${name}`,
      `${tenantId}/.${name}`,
      `../../${name}`, // normalized away by the URL parser before any route sees it
      `%E0%A4%A${name}`,
    ];
    const before = await filesInSandbox();
    for (const rawKeyPath of hostile) {
      const path = signedPath(rawKeyPath);
      const written = await rawRequest('PUT', path, { 'content-type': 'text/plain' }, [body]);
      expect(written.status, path).toBeGreaterThanOrEqual(400);
      expect(written.status, path).toBeLessThan(500);
      const read = await rawRequest('GET', path, {}, []);
      expect(read.status, path).toBeGreaterThanOrEqual(400);
      expect(read.status, path).toBeLessThan(500);
    }
    expect(await filesInSandbox()).toEqual(before);
    for (const outside of [join(tmpdir(), name), join(process.cwd(), name), join('/tmp', name)]) {
      await expect(stat(outside), outside).rejects.toMatchObject({ code: 'ENOENT' });
    }
  });

  it('lets a VIEWER read but not upload', async () => {
    const denied = await announce({ size: 10 }, viewer);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await server.graphql(TASK_ATTACHMENTS, { id: taskId }, viewer);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.task!.attachments.length).toBeGreaterThan(0);
  });

  it('hides attachments from another tenant', async () => {
    const bytes = Buffer.from('tenant-private');
    const upload = await announced(bytes);
    expect((await put(upload, bytes)).status).toBe(200);

    const foreignComplete = await server.graphql(COMPLETE, { id: upload.attachment.id }, otherTenant);
    expect(foreignComplete.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const foreignTask = await server.graphql(TASK_ATTACHMENTS, { id: taskId }, otherTenant);
    expect(foreignTask.data!.task).toBeNull();
    const foreignCreate = await announce({ size: 1 }, otherTenant);
    expect(foreignCreate.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Still PENDING for its own tenant: the foreign attempt changed nothing.
    const row = await server.database.writer.attachment.findUniqueOrThrow({ where: { id: upload.attachment.id } });
    expect(row.status).toBe('PENDING');
  });

  /** A request with the path sent exactly as given (fetch would normalize it) and a chunked body. */
  function rawRequest(method: string, path: string, headers: Record<string, string>, chunks: Buffer[]): Promise<{ status: number; body: string }> {
    const { hostname, port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = request({ hostname, port, path, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  }
});
