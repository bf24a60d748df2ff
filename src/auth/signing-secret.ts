/**
 * The key that signs access tokens (and the local storage's upload links), decided once at start:
 *  1. JWT_SECRET, when set (required in production, and with Redis outside development);
 *  2. on the embedded default with a data folder: a random key generated on first start and kept
 *     in that folder (`dandori-jwt-secret`, readable by its owner only), so a restart or an
 *     `npm run dev` reload keeps everyone signed in; deleting the folder starts afresh;
 *  3. otherwise a random key per process (a throw-away `memory://` database, or PostgreSQL without
 *     JWT_SECRET in development): a restart signs everyone out.
 * With REDIS_URL set and no JWT_SECRET (development only: config.ts refuses it elsewhere), several
 * servers would each sign with their own key and refuse each other's tokens: that gets a warning.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';

export type SigningSecretSource = 'JWT_SECRET' | 'data folder' | 'random per process';

export interface SigningSecret {
  /** undefined: generate a random key in this process (createTokenIssuer, createUrlSigner). */
  secret: string | undefined;
  source: SigningSecretSource;
  /** Set when the configuration deserves a warning at start-up. */
  warning?: string;
}

export const SECRET_FILE = 'dandori-jwt-secret';

/** `embeddedDataDir`: the PGlite folder when the database is embedded and kept on disk. */
export async function resolveSigningSecret(config: Pick<Config, 'JWT_SECRET' | 'REDIS_URL'>, embeddedDataDir: string | undefined): Promise<SigningSecret> {
  const warning = config.REDIS_URL && !config.JWT_SECRET
    ? 'REDIS_URL is set but JWT_SECRET is not: every server signs tokens with its own key, so a token from one is refused by the others. Set the same JWT_SECRET (at least 32 characters) on every server; outside development this is an error.'
    : undefined;
  const withWarning = (result: Omit<SigningSecret, 'warning'>): SigningSecret => (warning ? { ...result, warning } : result);
  if (config.JWT_SECRET) return { secret: config.JWT_SECRET, source: 'JWT_SECRET' };
  if (embeddedDataDir) return withWarning({ secret: await keptSecret(join(embeddedDataDir, SECRET_FILE)), source: 'data folder' });
  return withWarning({ secret: undefined, source: 'random per process' });
}

/** Reads the kept secret, or creates it; two processes starting at once end up with the same one. */
async function keptSecret(path: string): Promise<string> {
  const existing = await readSecret(path);
  if (existing) return existing;
  const generated = randomBytes(48).toString('base64url');
  try {
    // 'wx' fails if another process created it first; then that one's secret is used.
    await writeFile(path, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readSecret(path);
    if (!raced) throw new Error(`${path} exists but holds no usable secret; delete it to generate a new one`);
    return raced;
  }
}

async function readSecret(path: string): Promise<string | undefined> {
  try {
    const value = (await readFile(path, 'utf8')).trim();
    return value.length >= 32 ? value : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
