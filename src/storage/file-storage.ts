/**
 * Where attachment bytes live. Clients upload and download directly with short-lived signed URLs,
 * so file bytes never pass through the GraphQL server in production:
 *  - S3 (S3_UPLOAD_BUCKET set): presigned PUT/GET URLs from the AWS SDK v3 presigner;
 *  - local (embedded default): URLs to this server's /uploads endpoint, signed with an HMAC,
 *    storing files under UPLOAD_DIR.
 */
import type { Route } from '../server/http.js';

export interface PresignedUpload {
  url: string;
  method: 'PUT';
  /** Headers the client must send with the upload, exactly. */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface FileStorage {
  readonly kind: 's3' | 'local';
  /** HTTP routes this storage serves itself (the local upload/download endpoint). */
  readonly routes?: Route[];
  presignUpload(key: string, file: { contentType: string; size: number }): Promise<PresignedUpload>;
  presignDownload(key: string, filename: string): Promise<string>;
  /** Size of the stored object, or null when nothing has been uploaded under the key. */
  stat(key: string): Promise<{ size: number } | null>;
}
