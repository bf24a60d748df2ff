/**
 * Picks the storage from the configuration: S3 when S3_UPLOAD_BUCKET is set, else files under
 * UPLOAD_DIR served by this server (the embedded default, for a laptop and the tests).
 * The AWS SDK is loaded on the S3 storage's first use, never at start-up: loading it is a sizeable
 * part of a start, and the embedded default never needs it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';
import type { FileStorage } from './file-storage.js';
import { createLocalStorage } from './local-storage.js';
import { createUrlSigner } from './url-signer.js';

export interface StorageOptions {
  /** Replaces the S3 client built from AWS_REGION (tests, S3-compatible endpoints). */
  s3Client?: S3Client;
}

export function createFileStorage(config: Config, options: StorageOptions = {}): FileStorage {
  const ttls = { uploadTtlSeconds: config.UPLOAD_URL_TTL_SECONDS, downloadTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS };
  const bucket = config.S3_UPLOAD_BUCKET;
  if (bucket) {
    return loadedOnFirstUse(async () => {
      const { createS3Client, createS3Storage } = await import('./s3-storage.js');
      return createS3Storage({ bucket, client: options.s3Client ?? createS3Client(config.AWS_REGION), ...ttls });
    });
  }
  return createLocalStorage({
    root: config.UPLOAD_DIR,
    signer: createUrlSigner(config.JWT_SECRET),
    publicUrl: config.PUBLIC_URL,
    defaultBaseUrl: `http://localhost:${config.PORT}`,
    ...ttls,
  });
}

/** An S3 storage whose module (and the AWS SDK with it) is imported when first called. */
function loadedOnFirstUse(load: () => Promise<FileStorage>): FileStorage {
  let storage: Promise<FileStorage> | undefined;
  const loaded = () => (storage ??= load());
  return {
    kind: 's3',
    presignUpload: async (key, file) => (await loaded()).presignUpload(key, file),
    presignDownload: async (key, file) => (await loaded()).presignDownload(key, file),
    stat: async (key) => (await loaded()).stat(key),
    delete: async (key) => (await loaded()).delete(key),
  };
}
