/**
 * Sessions of the embedded default survive a restart: what one store wrote, the next one opened
 * on the same folder reads back (rotations and revocations included, expired sessions dropped),
 * and an unreadable file starts an empty store instead of stopping the server.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSessionStore, SESSIONS_FILE } from '../../src/auth/file-session-store.js';
import type { SessionRecord } from '../../src/auth/session-store.js';

const folders: string[] = [];
async function folder() {
  const path = await mkdtemp(join(tmpdir(), 'dandori-sessions-'));
  folders.push(path);
  return path;
}
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

const TENANT = '7d3f1a52-0000-4000-8000-000000000001';
function session(sessionId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return { sessionId, tenantId: TENANT, userId: 'user-1', role: 'MEMBER', refreshHash: `hash-${sessionId}`, expiresAt: Date.now() + 3_600_000, ...overrides };
}
const warnings: unknown[] = [];
const logger = { warn: (...args: unknown[]) => void warnings.push(args) };

describe('createFileSessionStore', () => {
  it('reads back after a restart what the previous process kept', async () => {
    const dir = await folder();
    const first = await createFileSessionStore(dir, logger);
    await first.create(session('kept'));
    await first.create(session('rotated'));
    await first.create(session('revoked'));
    await first.create(session('other-user', { userId: 'user-2' }));
    expect(await first.rotate(TENANT, 'rotated', 'hash-rotated', 'hash-rotated-2')).toBe('rotated');
    await first.revoke(TENANT, 'revoked');
    await first.close();
    expect((await stat(join(dir, SESSIONS_FILE))).mode & 0o777).toBe(0o600);

    const second = await createFileSessionStore(dir, logger);
    expect(await second.get(TENANT, 'kept')).toEqual(session('kept', { expiresAt: expect.any(Number) as number }));
    expect((await second.get(TENANT, 'rotated'))?.refreshHash).toBe('hash-rotated-2');
    expect(await second.get(TENANT, 'revoked')).toBeNull();
    expect(await second.revokeAllForUser(TENANT, 'user-2')).toEqual(['other-user']);
    await second.close();

    const third = await createFileSessionStore(dir, logger);
    expect(await third.get(TENANT, 'other-user')).toBeNull();
    expect(await third.get(TENANT, 'kept')).not.toBeNull();
    await third.close();
  });

  it('keeps the hash a rotation replaced, so reuse is still told from a wrong secret after a restart', async () => {
    const dir = await folder();
    const first = await createFileSessionStore(dir, logger);
    await first.create(session('s'));
    expect(await first.rotate(TENANT, 's', 'hash-s', 'hash-s-2')).toBe('rotated');
    await first.close();

    const second = await createFileSessionStore(dir, logger);
    expect(await second.get(TENANT, 's')).toMatchObject({ refreshHash: 'hash-s-2', previousHash: 'hash-s' });
    expect(await second.rotate(TENANT, 's', 'hash-s', 'hash-s-3')).toBe('reused');
    expect(await second.rotate(TENANT, 's', 'hash-guessed', 'hash-s-3')).toBe('mismatch');
    expect((await second.get(TENANT, 's'))?.refreshHash).toBe('hash-s-2'); // neither changed anything
    await second.close();
  });

  it('reads a file written before previous hashes were kept: its sessions rotate as usual', async () => {
    const dir = await folder();
    await writeFile(join(dir, SESSIONS_FILE), JSON.stringify([session('legacy')]));
    const store = await createFileSessionStore(dir, logger);
    expect(await store.rotate(TENANT, 'legacy', 'hash-guessed', 'hash-legacy-2')).toBe('mismatch');
    expect(await store.rotate(TENANT, 'legacy', 'hash-legacy', 'hash-legacy-2')).toBe('rotated');
    expect(await store.rotate(TENANT, 'legacy', 'hash-legacy', 'hash-legacy-3')).toBe('reused');
    await store.close();
  });

  it('saves shortly after a change, without waiting for close()', async () => {
    const dir = await folder();
    const store = await createFileSessionStore(dir, logger);
    await store.create(session('soon'));
    const deadline = Date.now() + 5_000;
    let saved = '';
    while (!saved.includes('soon') && Date.now() < deadline) {
      saved = await readFile(join(dir, SESSIONS_FILE), 'utf8').catch(() => '');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(JSON.parse(saved)).toEqual([session('soon', { expiresAt: expect.any(Number) as number })]);
    await store.close();
  });

  it('drops expired sessions when it reads the file', async () => {
    const dir = await folder();
    await writeFile(join(dir, SESSIONS_FILE), JSON.stringify([session('old', { expiresAt: Date.now() - 1 }), session('live')]));
    const store = await createFileSessionStore(dir, logger);
    expect(await store.get(TENANT, 'old')).toBeNull();
    expect(await store.get(TENANT, 'live')).not.toBeNull();
    await store.close();
  });

  it('starts empty, with a warning, when the file cannot be read', async () => {
    const dir = await folder();
    await writeFile(join(dir, SESSIONS_FILE), '{ not json');
    warnings.length = 0;
    const store = await createFileSessionStore(dir, logger);
    expect(await store.get(TENANT, 'anything')).toBeNull();
    expect(JSON.stringify(warnings)).toContain('sessions file unreadable');
    await store.create(session('fresh'));
    await store.close();
    expect(JSON.parse(await readFile(join(dir, SESSIONS_FILE), 'utf8'))).toHaveLength(1);
  });
});
