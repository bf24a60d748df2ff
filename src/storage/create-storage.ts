import type { Config } from '../config.js';
import type { FileStorage } from './file-storage.js';

// TODO(helper): S3 and local implementations.
export function createFileStorage(_config: Config): FileStorage {
  const missing = () => Promise.reject(new Error('file storage is not implemented yet'));
  return { kind: 'local', presignUpload: missing, presignDownload: missing, stat: missing };
}
