/**
 * Picks the storage from the configuration: S3 when S3_UPLOAD_BUCKET is set, else files under
 * UPLOAD_DIR served by this server (the embedded default, for a laptop and the tests).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';
import type { FileStorage } from './file-storage.js';
import { createLocalStorage } from './local-storage.js';
import { createS3Client, createS3Storage } from './s3-storage.js';
import { createUrlSigner } from './url-signer.js';

export interface StorageOptions {
  /** Replaces the S3 client built from AWS_REGION (tests, S3-compatible endpoints). */
  s3Client?: S3Client;
}

export function createFileStorage(config: Config, options: StorageOptions = {}): FileStorage {
  const ttls = { uploadTtlSeconds: config.UPLOAD_URL_TTL_SECONDS, downloadTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS };
  if (config.S3_UPLOAD_BUCKET) {
    return createS3Storage({ bucket: config.S3_UPLOAD_BUCKET, client: options.s3Client ?? createS3Client(config.AWS_REGION), ...ttls });
  }
  return createLocalStorage({
    root: config.UPLOAD_DIR,
    signer: createUrlSigner(config.JWT_SECRET),
    publicUrl: config.PUBLIC_URL,
    defaultBaseUrl: `http://localhost:${config.PORT}`,
    ...ttls,
  });
}
