/**
 * Where attachment bytes live. Clients upload and download directly with short-lived signed URLs,
 * so file bytes never pass through the GraphQL server in production:
 *  - S3 (S3_UPLOAD_BUCKET set): presigned PUT/GET URLs from the AWS SDK v3 presigner;
 *  - local (embedded default): URLs to this server's /uploads endpoint, signed with an HMAC,
 *    storing files under UPLOAD_DIR.
 * Keys are built by `attachmentStorageKey` (storage-keys.ts) and always start with the tenant id.
 */
import type { Route } from '../http/responses.js';

export interface PresignedUpload {
  url: string;
  method: 'PUT';
  /** Headers the client must send with the upload, exactly. */
  headers: Record<string, string>;
  expiresAt: Date;
}

/** What a download link tells the browser about the file. */
export interface DownloadInfo {
  /** The original file name, for Content-Disposition. */
  filename: string;
  contentType: string;
}

export interface FileStorage {
  readonly kind: 's3' | 'local';
  /** HTTP routes this storage serves itself (the local upload/download endpoint). */
  readonly routes?: Route[];
  /** The URL accepts exactly `file.size` bytes of `file.contentType`, until `expiresAt`. */
  presignUpload(key: string, file: { contentType: string; size: number }): Promise<PresignedUpload>;
  presignDownload(key: string, file: DownloadInfo): Promise<string>;
  /** Size of the stored object, or null when nothing has been uploaded under the key. */
  stat(key: string): Promise<{ size: number } | null>;
  /**
   * Removes what is stored under the key, including (local storage) a partial upload left beside
   * it by a crash. Nothing stored is not an error: cleanup may run again over the same keys.
   */
  delete(key: string): Promise<void>;
  /**
   * Called by the server once it listens, with its own base URL (e.g. http://localhost:4000).
   * The local storage links to it when PUBLIC_URL is unset; PORT=0 makes it unknowable earlier.
   */
  listening?(baseUrl: string): void;
}
