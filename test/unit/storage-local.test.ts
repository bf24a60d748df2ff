/**
 * The pieces of the local storage that need no server: keys, file names, URL signing, and the
 * storage object itself on a temporary directory. The HTTP endpoint is tested through a real
 * server in test/api/attachments.test.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSignedUrl, signedUrl } from '../../src/storage/local-signing.js';
import { createLocalStorage } from '../../src/storage/local-storage.js';
import { attachmentStorageKey, contentDisposition, isSafeKey, pathForKey, sanitizeFilename } from '../../src/storage/storage-keys.js';
import { createUrlSigner } from '../../src/storage/url-signer.js';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const ids = { tenantId: 'a0000000-0000-4000-8000-000000000001', taskId: 'b0000000-0000-4000-8000-000000000002', attachmentId: 'c0000000-0000-4000-8000-000000000003' };

describe('storage keys', () => {
  it('start with the tenant and end with an ASCII file name that keeps its extension', () => {
    expect(attachmentStorageKey({ ...ids, filename: '見積書 (最終).pdf' })).toBe(`${ids.tenantId}/${ids.taskId}/${ids.attachmentId}/file.pdf`);
    expect(sanitizeFilename('Site plan v2.final.DWG')).toBe('Site_plan_v2_final.DWG');
    expect(sanitizeFilename('.env')).toBe('env');
    expect(sanitizeFilename('..')).toBe('file');
    expect(sanitizeFilename('ｒｅｐｏｒｔ.txt')).toBe('report.txt'); // NFKC folds full-width letters
    expect(sanitizeFilename('a'.repeat(300) + '.tar.gz')).toBe('a'.repeat(100) + '.gz');
  });

  it('refuse anything that could leave the upload directory', () => {
    for (const bad of ['', '..', '../x', 'a/../../x', '/etc/passwd', 'a//b', 'a/./b', '.hidden', 'a\\..\\b', 'a/b\u0000']) {
      expect(isSafeKey(bad), bad).toBe(false);
      expect(pathForKey('/srv/uploads', bad), bad).toBeNull();
    }
    expect(pathForKey('/srv/uploads', 't/a/file.pdf')).toBe(resolve('/srv/uploads/t/a/file.pdf'));
  });

  it('give downloads an ASCII fallback name and the real one in RFC 5987 form', () => {
    expect(contentDisposition('報告書 "final".pdf')).toBe(
      `attachment; filename="___ _final_.pdf"; filename*=UTF-8''%E5%A0%B1%E5%91%8A%E6%9B%B8%20%22final%22.pdf`,
    );
    expect(contentDisposition("it's (1).txt")).toBe(`attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`);
  });
});

describe('signed local URLs', () => {
  const signer = createUrlSigner(SECRET);
  const params = { expires: String(Math.floor(Date.now() / 1000) + 60), size: '5', type: 'text/plain' };
  const url = new URL(signedUrl(signer, 'http://api.test/base/', 'upload', 't/a/file.txt', params));

  it('carry the key in the path and every signed value in the query', () => {
    expect(url.origin + url.pathname).toBe('http://api.test/base/uploads/t/a/file.txt');
    expect(Object.fromEntries(url.searchParams)).toEqual({ ...params, sig: expect.stringMatching(/^[\w-]{43}$/) });
    expect(checkSignedUrl(signer, 'upload', 't/a/file.txt', url)).toEqual({ ok: true, params });
  });

  it('fail when any value, the key, the kind or the secret differs', () => {
    for (const [name, value] of [['size', '6'], ['type', 'text/html'], ['expires', String(Number(params.expires) + 1)], ['sig', 'x']]) {
      const tampered = new URL(url);
      tampered.searchParams.set(name!, value!);
      expect(checkSignedUrl(signer, 'upload', 't/a/file.txt', tampered).ok, name).toBe(false);
    }
    expect(checkSignedUrl(signer, 'upload', 't/a/other.txt', url).ok).toBe(false);
    expect(checkSignedUrl(signer, 'download', 't/a/file.txt', url).ok).toBe(false);
    expect(checkSignedUrl(createUrlSigner(SECRET + 'x'), 'upload', 't/a/file.txt', url).ok).toBe(false);
    expect(checkSignedUrl(createUrlSigner(undefined), 'upload', 't/a/file.txt', url).ok).toBe(false);
  });

  it('say "expired" only of a genuine URL past its time', () => {
    const later = (Number(params.expires) + 1) * 1000;
    expect(checkSignedUrl(signer, 'upload', 't/a/file.txt', url, later)).toEqual({ ok: false, message: expect.stringMatching(/expired at/) });
  });
});

describe('local storage', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dandori-storage-unit-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const storage = (publicUrl?: string) =>
    createLocalStorage({ root, signer: createUrlSigner(SECRET), publicUrl, defaultBaseUrl: 'http://localhost:4000', uploadTtlSeconds: 900, downloadTtlSeconds: 300 });

  it('links to PUBLIC_URL, else to where the server listens, else to localhost:PORT', async () => {
    const file = { contentType: 'text/plain', size: 5 };
    expect((await storage('https://api.example.com').presignUpload('t/a/f.txt', file)).url).toMatch(/^https:\/\/api\.example\.com\/uploads\/t\/a\/f\.txt\?/);
    const local = storage();
    expect((await local.presignUpload('t/a/f.txt', file)).url).toMatch(/^http:\/\/localhost:4000\/uploads\//);
    local.listening?.('http://127.0.0.1:54321');
    const upload = await local.presignUpload('t/a/f.txt', file);
    expect(upload.url).toMatch(/^http:\/\/127\.0\.0\.1:54321\/uploads\/t\/a\/f\.txt\?expires=\d+&size=5&type=text%2Fplain&sig=/);
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/plain' } });
    expect(upload.expiresAt.getTime() - Date.now()).toBeGreaterThan(890_000);
  });

  it('refuses to sign or stat an unsafe key', async () => {
    await expect(storage().presignUpload('../x', { contentType: 'text/plain', size: 1 })).rejects.toThrow(/unsafe key/);
    await expect(storage().presignDownload('/etc/passwd', { filename: 'x', contentType: 'text/plain' })).rejects.toThrow(/unsafe key/);
    await expect(storage().stat('a/../../x')).rejects.toThrow(/unsafe key/);
  });

  it('stat: the size of a stored file, null when there is none', async () => {
    await mkdir(join(root, 't', 'a'), { recursive: true });
    await writeFile(join(root, 't', 'a', 'f.txt'), 'hello');
    expect(await storage().stat('t/a/f.txt')).toEqual({ size: 5 });
    expect(await storage().stat('t/a/missing.txt')).toBeNull();
    expect(await storage().stat('t/a')).toBeNull(); // a directory is not an upload
  });
});
