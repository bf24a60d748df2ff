/**
 * Lookups inside a write transaction. RLS already hides other tenants' rows, so "not found" is
 * also what another tenant's id gives: no error message reveals that an id exists elsewhere.
 */
import type { TenantTx } from '../../db/tenant-db.js';
import { BadUserInputError, NotFoundError } from '../../errors.js';

type Finder<T> = { findUnique(args: { where: { id: string } }): Promise<T | null> };

export async function findOrThrow<T>(model: Finder<T>, type: string, id: string): Promise<T> {
  const row = await model.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(type, id);
  return row;
}

/** A user referenced by an input field must exist in the tenant and be active. */
export async function assertActiveUser(tx: TenantTx, userId: string, field: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true } });
  if (!user?.active) throw new BadUserInputError(`${field}: no active user ${userId} in this tenant`, { [field]: 'no such active user' });
}
