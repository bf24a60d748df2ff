/**
 * S3 (S3_UPLOAD_BUCKET set): clients PUT and GET the bucket directly with presigned URLs from
 * the AWS SDK v3; the server only signs (locally, no S3 call) and checks with HeadObject.
 * Credentials come from the SDK's default chain (the pod's IAM role in production).
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStorage } from './file-storage.js';
import { contentDisposition } from './storage-keys.js';

export interface S3StorageOptions {
  bucket: string;
  client: S3Client;
  uploadTtlSeconds: number;
  downloadTtlSeconds: number;
}

/**
 * The client for presigning. `requestChecksumCalculation: 'WHEN_REQUIRED'`: since SDK 3.729 the
 * default (WHEN_SUPPORTED) bakes a CRC32 of the *empty* presign-time body into a PutObject URL
 * (x-amz-checksum-crc32=AAAAAA==), and S3 then rejects every real upload as a checksum mismatch.
 * `overrides` is for tests (credentials, a request handler) and S3-compatible endpoints.
 */
export function createS3Client(region: string, overrides: S3ClientConfig = {}): S3Client {
  return new S3Client({ region, requestChecksumCalculation: 'WHEN_REQUIRED', ...overrides });
}

export function createS3Storage(options: S3StorageOptions): FileStorage {
  const { bucket, client } = options;
  return {
    kind: 's3',
    async presignUpload(key, file) {
      const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: file.contentType, ContentLength: file.size });
      const expiresAt = new Date(Date.now() + options.uploadTtlSeconds * 1000);
      const url = await getSignedUrl(client, command, {
        expiresIn: options.uploadTtlSeconds,
        // The presigner signs content-length but not content-type unless told to; signing both
        // makes S3 refuse any other type or size with 403 SignatureDoesNotMatch.
        signableHeaders: new Set(['content-type', 'content-length']),
      });
      return {
        url,
        method: 'PUT',
        headers: { 'content-type': file.contentType, 'content-length': String(file.size) },
        expiresAt,
      };
    },
    presignDownload(key, file) {
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentType: file.contentType,
        ResponseContentDisposition: contentDisposition(file.filename),
      });
      return getSignedUrl(client, command, { expiresIn: options.downloadTtlSeconds });
    },
    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: head.ContentLength ?? 0 };
      } catch (error) {
        // A missing object is 404 only with s3:ListBucket on the bucket (pulumi grants it);
        // without it S3 answers 403, which must stay an error rather than "not uploaded yet".
        if (error instanceof S3ServiceException && (error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)) return null;
        throw error;
      }
    },
    async delete(key) {
      // S3 answers 204 whether or not the object existed; presigned PUTs leave no partial objects.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
