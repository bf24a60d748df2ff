import type { Role } from '../generated/prisma/enums.js';

/** The authenticated caller, taken only from a verified access token and a live session. */
export interface Viewer {
  userId: string;
  tenantId: string;
  role: Role;
  sessionId: string;
}
