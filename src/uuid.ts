/**
 * The one UUID check, for ids that name a tenant in keys and channels (database scope, cache
 * keys, pub/sub topics, job payloads): a malformed id must never become part of a key.
 */
import { BadUserInputError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(value: string, what: string): void {
  if (!UUID.test(value)) throw new BadUserInputError(`${what}: expected a UUID, got ${JSON.stringify(value)}`);
}
