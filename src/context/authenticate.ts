/**
 * The first step of every GraphQL request: who is asking. A bearer token is verified (once per
 * token, then remembered until it expires) and its session checked (from this pod's memory when
 * it can be; see auth/session-liveness.ts). A request without a token is anonymous; one whose
 * token is refused stays anonymous too, carrying the reason, so public operations (login) still
 * work and everything else answers UNAUTHENTICATED with that reason.
 */
import type { Viewer } from '../auth/viewer.js';
import { UnauthenticatedError } from '../errors.js';
import type { Dependencies } from './dependencies.js';

export interface RequestAuth {
  viewer: Viewer | null;
  /** Why a presented token was refused. */
  error: UnauthenticatedError | null;
  /** The Authorization header is not "Bearer <token>": the whole request is refused. */
  malformed: UnauthenticatedError | null;
}

const ANONYMOUS: RequestAuth = Object.freeze({ viewer: null, error: null, malformed: null });

export async function authenticateRequest(deps: Pick<Dependencies, 'auth'>, authorization: string | undefined): Promise<RequestAuth> {
  let token: string | null;
  try {
    token = bearerToken(authorization);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return { viewer: null, error, malformed: error };
    throw error;
  }
  if (token === null) return ANONYMOUS;
  try {
    return { viewer: await deps.auth.authenticate(token), error: null, malformed: null };
  } catch (error) {
    if (error instanceof UnauthenticatedError) return { viewer: null, error, malformed: null };
    throw error;
  }
}

/** The token of an `Authorization: Bearer <token>` value (HTTP header or WebSocket connectionParams). */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <access token>"');
  return match[1]!;
}
