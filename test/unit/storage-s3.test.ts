/**
 * The S3 storage, offline: presigning is a local computation, so the URLs are checked for
 * their shape with fake credentials; `stat` runs the real SDK against a request handler that
 * answers like S3 would, so the SDK's own error parsing (404 -> NotFound) is what is tested.
 */
import { Readable } from 'node:stream';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { describe, expect, it, vi, onTestFinished } from 'vitest';
import { createFileStorage } from '../../src/storage/create-storage.js';
import { createS3Client } from '../../src/storage/s3-storage.js';
import { testConfig } from '../support/databases.js';

const credentials = { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake-secret-for-offline-signing' };
const key = '7a1c2a8e-0000-4000-8000-000000000001/7a1c2a8e-0000-4000-8000-000000000002/7a1c2a8e-0000-4000-8000-000000000003/site plan.pdf';

interface SeenRequest {
  method: string;
  hostname: string;
  path: string;
}

/** An S3 storage whose client sends every request to `answer` instead of the network. */
function s3Storage(answer?: { statusCode: number; headers?: Record<string, string> }, seen: SeenRequest[] = []) {
  const requestHandler = {
    async handle(request: SeenRequest) {
      seen.push({ method: request.method, hostname: request.hostname, path: request.path });
      return { response: { statusCode: answer?.statusCode ?? 500, headers: answer?.headers ?? {}, body: Readable.from([]) } };
    },
  } as unknown as S3ClientConfig['requestHandler'];
  const client = createS3Client('ap-northeast-1', { credentials, requestHandler, maxAttempts: 1 });
  const config = testConfig({ S3_UPLOAD_BUCKET: 'dandori-uploads-test', AWS_REGION: 'ap-northeast-1' });
  return createFileStorage(config, { s3Client: client });
}

describe('S3 storage', () => {
  it('is chosen when S3_UPLOAD_BUCKET is set', () => {
    expect(s3Storage().kind).toBe('s3');
    expect(s3Storage().routes).toBeUndefined();
  });

  it('presigns a PUT for the bucket, the key, and the exact content-type and length', async () => {
    const before = Date.now();
    const upload = await s3Storage().presignUpload(key, { contentType: 'application/pdf', size: 12345 });
    const url = new URL(upload.url);
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe('dandori-uploads-test.s3.ap-northeast-1.amazonaws.com');
    expect(decodeURIComponent(url.pathname)).toBe(`/${key}`);
    const q = url.searchParams;
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(q.get('X-Amz-Credential')).toMatch(/^AKIAFAKEFAKEFAKEFAKE\/\d{8}\/ap-northeast-1\/s3\/aws4_request$/);
    expect(q.get('X-Amz-Expires')).toBe('900');
    expect(q.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    // No checksum of the empty presign-time body: S3 would reject every real upload with it.
    expect([...q.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);

    expect(upload.method).toBe('PUT');
    expect(upload.headers).toEqual({ 'content-type': 'application/pdf', 'content-length': '12345' });
    expect(upload.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 900_000);
    expect(upload.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 900_000);
  });

  it('signs the content-type: another type gives another signature', async () => {
    // One instant for every presign: X-Amz-Date has a resolution of a second, and a busy machine
    // may cross a second's boundary between two of them (seen in a CI run).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T09:00:00Z'));
    onTestFinished(() => void vi.useRealTimers());
    const storage = s3Storage();
    const pdf = new URL((await storage.presignUpload(key, { contentType: 'application/pdf', size: 10 })).url);
    const html = new URL((await storage.presignUpload(key, { contentType: 'text/html', size: 10 })).url);
    pdf.searchParams.delete('X-Amz-Signature');
    html.searchParams.delete('X-Amz-Signature');
    expect(pdf.toString()).toBe(html.toString()); // the type is a header, not in the URL...
    const sig = async (type: string) => new URL((await storage.presignUpload(key, { contentType: type, size: 10 })).url).searchParams.get('X-Amz-Signature');
    expect(await sig('application/pdf')).not.toBe(await sig('text/html')); // ...but it is signed
  });

  it('presigns a short-lived GET that downloads under the original file name', async () => {
    const url = new URL(await s3Storage().presignDownload(key, { filename: '配筋図 v2.pdf', contentType: 'application/pdf' }));
    expect(url.host).toBe('dandori-uploads-test.s3.ap-northeast-1.amazonaws.com');
    expect(decodeURIComponent(url.pathname)).toBe(`/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="___ v2.pdf"; filename*=UTF-8''${encodeURIComponent('配筋図 v2.pdf')}`,
    );
  });

  it('stat: HEADs the object and reads its size', async () => {
    const seen: SeenRequest[] = [];
    const stat = await s3Storage({ statusCode: 200, headers: { 'content-length': '4096' } }, seen).stat(key);
    expect(stat).toEqual({ size: 4096 });
    expect(seen).toEqual([{ method: 'HEAD', hostname: 'dandori-uploads-test.s3.ap-northeast-1.amazonaws.com', path: `/${key.replace(/ /g, '%20')}` }]);
  });

  it('stat: a missing object (404) is null, any other failure is an error', async () => {
    expect(await s3Storage({ statusCode: 404 }).stat(key)).toBeNull();
    await expect(s3Storage({ statusCode: 403 }).stat(key)).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });
});
