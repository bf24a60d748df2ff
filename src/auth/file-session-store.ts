/**
 * Sessions for the embedded default, kept in its data folder (`dandori-sessions.json`) so that a
 * restart does not sign anyone out: the in-process store (session-store.ts) answers every call,
 * and each change is written to the file shortly after (changes within SAVE_DELAY_MS share one
 * write; `close()` writes what is pending). A session holds only hashes of its refresh secrets
 * (the current one and the one it replaced), so the file holds no credential; files written before
 * `previousHash` existed load as they are. Written to a temporary file and renamed, so a crash mid-write
 * leaves the previous version; a file that cannot be read starts an empty store (everyone signs
 * in again) instead of stopping the server.
 *
 * One process per data folder (PGlite allows no other), so there is no writer to coordinate with.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../observability/logger.js';
import { createMemorySessionStore, type SessionRecord, type SessionStore } from './session-store.js';

export const SESSIONS_FILE = 'dandori-sessions.json';
const SAVE_DELAY_MS = 100;

export interface FileSessionStore extends SessionStore {
  /** Writes pending changes; call on shutdown. */
  close(): Promise<void>;
}

export async function createFileSessionStore(dataDir: string, logger: Pick<Logger, 'warn'>): Promise<FileSessionStore> {
  const path = join(dataDir, SESSIONS_FILE);
  const memory = createMemorySessionStore();
  for (const record of await readRecords(path, logger)) await memory.create(record);

  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    timer = undefined;
    const snapshot = JSON.stringify(memory.records());
    // Writes run one after another, so an older snapshot never lands after a newer one.
    writing = writing
      .then(async () => {
        await writeFile(`${path}.tmp`, snapshot, { mode: 0o600 });
        await rename(`${path}.tmp`, path);
      })
      .catch((error: unknown) => logger.warn({ err: error, path }, 'could not save sessions; they last until this process stops'));
  };
  const changed = () => {
    timer ??= setTimeout(save, SAVE_DELAY_MS);
  };
  const afterChange = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    changed();
    return value;
  };

  return {
    get: (tenantId, sessionId) => memory.get(tenantId, sessionId),
    create: (record) => afterChange(memory.create(record)),
    rotate: (tenantId, sessionId, presentedHash, nextHash) => afterChange(memory.rotate(tenantId, sessionId, presentedHash, nextHash)),
    revoke: (tenantId, sessionId) => afterChange(memory.revoke(tenantId, sessionId)),
    revokeAllForUser: (tenantId, userId) => afterChange(memory.revokeAllForUser(tenantId, userId)),
    async close() {
      if (timer) {
        clearTimeout(timer);
        save();
      }
      await writing;
    },
  };
}

async function readRecords(path: string, logger: Pick<Logger, 'warn'>): Promise<SessionRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new Error('expected an array of sessions');
    const now = Date.now();
    return (parsed as SessionRecord[]).filter((r) => typeof r?.sessionId === 'string' && typeof r.expiresAt === 'number' && r.expiresAt > now);
  } catch (error) {
    logger.warn({ err: error, path }, 'sessions file unreadable: starting with no sessions (everyone signs in again)');
    return [];
  }
}
