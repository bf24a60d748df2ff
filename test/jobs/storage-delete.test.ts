/**
 * FileStorage.delete, which the cleanup job relies on: the local storage removes the file and
 * any partial upload beside it and shrugs at a missing one; S3 sends one DeleteObject.
 */
import { Readable } from 'node:stream';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStorage } from '../../src/storage/create-storage.js';
import { createS3Client } from '../../src/storage/s3-storage.js';
import { pathForKey } from '../../src/storage/storage-keys.js';
import { testConfig } from '../support/databases.js';
import { exists, tempUploadDir } from './fixtures.js';

const key = 'a0000000-0000-4000-8000-000000000001/b0000000-0000-4000-8000-000000000002/c0000000-0000-4000-8000-000000000003/plan.pdf';

describe('local storage: delete', () => {
  let uploads: Awaited<ReturnType<typeof tempUploadDir>>;
  beforeAll(async () => {
    uploads = await tempUploadDir();
  });
  afterAll(() => uploads?.remove());

  it('removes the file and partial uploads of the same key, nothing else', async () => {
    const storage = createFileStorage(testConfig({ UPLOAD_DIR: uploads.dir }));
    const path = pathForKey(uploads.dir, key)!;
    const partial = `${path}.0b7d5a52-1f0e-4f43-9d55-6c1c6e0e4a11.part`;
    const neighbour = `${dirname(path)}/plan.pdf.notes`;
    await mkdir(dirname(path), { recursive: true });
    await Promise.all([writeFile(path, 'x'), writeFile(partial, 'x'), writeFile(neighbour, 'x')]);

    await storage.delete(key);
    expect([await exists(path), await exists(partial), await exists(neighbour)]).toEqual([false, false, true]);
    await expect(storage.delete(key)).resolves.toBeUndefined(); // already gone
    await expect(storage.delete(`${key}-never-uploaded/x.txt`)).resolves.toBeUndefined(); // no folder at all
    await expect(storage.delete('../outside.txt')).rejects.toThrow(/unsafe key/);
  });
});

describe('S3 storage: delete', () => {
  it('sends DeleteObject for the bucket and key', async () => {
    const seen: { method: string; hostname: string; path: string }[] = [];
    const requestHandler = {
      async handle(request: { method: string; hostname: string; path: string }) {
        seen.push({ method: request.method, hostname: request.hostname, path: request.path });
        return { response: { statusCode: 204, headers: {}, body: Readable.from([]) } };
      },
    } as unknown as S3ClientConfig['requestHandler'];
    const credentials = { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake-secret-for-offline-signing' };
    const client = createS3Client('ap-northeast-1', { credentials, requestHandler, maxAttempts: 1 });
    const storage = createFileStorage(testConfig({ S3_UPLOAD_BUCKET: 'dandori-uploads-test' }), { s3Client: client });

    await storage.delete(key);
    expect(seen).toEqual([{ method: 'DELETE', hostname: 'dandori-uploads-test.s3.ap-northeast-1.amazonaws.com', path: `/${key}` }]);
  });
});
