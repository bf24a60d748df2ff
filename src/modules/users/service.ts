/**
 * User rules: ADMINs manage accounts; only an OWNER grants or takes the OWNER role; a tenant
 * always keeps at least one active OWNER; nobody deactivates themselves. A role change or a
 * deactivation signs the user out everywhere (their access tokens carry the old role), but only
 * after the change has committed — revoking first would sign them out for a change that may
 * still roll back.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashPassword } from '../../auth/passwords.js';
import { assertCan } from '../../auth/permissions.js';
import type { TenantScope } from '../../context/context.js';
import type { TenantTx } from '../../db/tenant-db.js';
import { ConflictError, ForbiddenError, UnauthenticatedError } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Role } from '../../generated/prisma/enums.js';
import { recordActivity } from '../activity/record.js';
import { findOrThrow } from '../common/lookups.js';
import { pageOf, parsePage, type Connection, type PageArgs } from '../common/pagination.js';
import { name, parseInput, uuid } from '../common/validation.js';
import { assertDepartmentExists } from '../departments/service.js';
import type { User } from '../models.js';

export const MIN_PASSWORD_LENGTH = 10;
/** 18 random bytes = 24 base64url characters (144 bits): unguessable, and short enough to type. */
const TEMPORARY_PASSWORD_BYTES = 18;

/** The signed-in user. Their session outliving the account (it cannot, normally) means: sign in again. */
export async function viewerUser(scope: TenantScope): Promise<User> {
  const user = await scope.loaders.users.byId.load(scope.viewer.userId);
  if (!user) throw new UnauthenticatedError('Your account no longer exists; sign in again');
  return user;
}

export interface UserFilter {
  role?: Role | null;
  departmentId?: string | null;
  active?: boolean | null;
  search?: string | null;
}

/**
 * A search for "%" must not match everyone: escape LIKE's wildcards in the term (backslash is
 * PostgreSQL's default escape character).
 */
const literalLikePattern = (text: string) => text.replace(/[\\%_]/g, '\\$&');

function userConditions(filter: UserFilter | null | undefined): Prisma.Sql[] {
  const f = filter ?? {};
  const term = f.search?.trim();
  const prefix = term ? `${literalLikePattern(term)}%` : undefined;
  return [
    ...(f.role ? [Prisma.sql`t.role = ${f.role}::role`] : []),
    ...(f.departmentId ? [Prisma.sql`t.department_id = ${f.departmentId}::uuid`] : []),
    ...(f.active != null ? [Prisma.sql`t.active = ${f.active}`] : []),
    ...(prefix ? [Prisma.sql`(t.display_name ILIKE ${prefix} OR t.email ILIKE ${prefix})`] : []),
  ];
}

export function listUsers(scope: TenantScope, args: PageArgs & { filter?: UserFilter | null }): Promise<Connection<User>> {
  return pageOf(scope.db, { table: 'users', conditions: userConditions(args.filter) }, parsePage(args));
}

const role = z.enum(['OWNER', 'ADMIN', 'MEMBER', 'VIEWER']);
/** Stored lower-case: the login form lower-cases what people type, and uniqueness is per tenant. */
const email = z.string().trim().toLowerCase().max(254, 'at most 254 characters').pipe(z.email('expected an e-mail address'));
const newAccount = { email, displayName: name, role: role.default('MEMBER'), departmentId: uuid.nullish() };
const createInput = z.object({
  ...newAccount,
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(256, 'at most 256 characters'),
});
const inviteInput = z.object(newAccount);
type NewAccount = z.output<typeof inviteInput>;

/** Granting or taking OWNER is an OWNER's decision alone. */
function assertMayTouchOwner(scope: TenantScope, ...roles: Role[]): void {
  if (roles.includes('OWNER')) assertCan(scope.viewer, 'owner:manage');
}

/** Checked before the insert for a message naming the address; a race still hits the unique index (CONFLICT). */
async function assertEmailFree(tx: TenantTx, tenantId: string, address: string): Promise<void> {
  const taken = await tx.user.findUnique({ where: { tenantId_email: { tenantId, email: address } }, select: { id: true } });
  if (taken) throw new ConflictError(`A user with e-mail ${address} already exists in this tenant`);
}

/** Callers have checked 'user:manage' (before validating, so a MEMBER learns nothing from input errors). */
async function insertUser(scope: TenantScope, input: NewAccount, password: string, how: 'created' | 'invited'): Promise<User> {
  assertMayTouchOwner(scope, input.role);
  // Hashed before the transaction: scrypt is deliberately slow and needs no connection held.
  const passwordHash = await hashPassword(password);
  const { tenantId } = scope.viewer;
  return scope.db.write(async (tx) => {
    if (input.departmentId) await assertDepartmentExists(tx, input.departmentId, 'input.departmentId');
    await assertEmailFree(tx, tenantId, input.email);
    const user = await tx.user.create({
      data: { tenantId, email: input.email, displayName: input.displayName, role: input.role, departmentId: input.departmentId ?? null, passwordHash },
    });
    await recordActivity(tx, scope, {
      verb: `user.${how}`,
      subjectType: 'User',
      subjectId: user.id,
      summary: `${how} ${user.role} ${user.displayName} <${user.email}>`,
    });
    return user;
  });
}

export function createUser(scope: TenantScope, rawInput: unknown): Promise<User> {
  assertCan(scope.viewer, 'user:manage');
  const { password, ...input } = parseInput(createInput, rawInput, 'input');
  return insertUser(scope, input, password, 'created');
}

/** The temporary password is returned once and only its hash is kept. */
export async function inviteUser(scope: TenantScope, rawInput: unknown): Promise<{ user: User; temporaryPassword: string }> {
  assertCan(scope.viewer, 'user:manage');
  const input = parseInput(inviteInput, rawInput, 'input');
  const temporaryPassword = randomBytes(TEMPORARY_PASSWORD_BYTES).toString('base64url');
  const user = await insertUser(scope, input, temporaryPassword, 'invited');
  return { user, temporaryPassword };
}

const updateInput = z.object({ displayName: name.nullish(), departmentId: uuid.nullish() });

export async function updateUser(scope: TenantScope, id: string, rawInput: unknown): Promise<User> {
  assertCan(scope.viewer, 'user:manage');
  const input = parseInput(updateInput, rawInput, 'input');
  return scope.db.write(async (tx) => {
    await findOrThrow(tx.user, 'User', id);
    if (input.departmentId) await assertDepartmentExists(tx, input.departmentId, 'input.departmentId');
    const user = await tx.user.update({
      where: { id },
      data: {
        ...(input.displayName != null && { displayName: input.displayName }),
        // An explicit null takes the user out of their department; an absent field leaves it.
        ...(input.departmentId !== undefined && { departmentId: input.departmentId }),
      },
    });
    await recordActivity(tx, scope, { verb: 'user.updated', subjectType: 'User', subjectId: id, summary: `updated ${user.displayName}` });
    return user;
  });
}

/**
 * Throws CONFLICT unless an active OWNER other than `userId` remains. The active OWNER rows are
 * locked (FOR UPDATE, in id order so concurrent callers cannot deadlock): two OWNERs demoting or
 * deactivating each other at the same moment would otherwise each count the other as the one
 * who remains, and the tenant would be left with none.
 */
async function assertAnotherOwnerRemains(tx: TenantTx, userId: string, displayName: string): Promise<void> {
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM users WHERE role = 'OWNER' AND active ORDER BY id FOR UPDATE`;
  if (!owners.some((owner) => owner.id !== userId)) {
    throw new ConflictError(`${displayName} is the last active OWNER of this tenant; make someone else OWNER first`);
  }
}

/** Ends every session of the user. Called after the commit (see the top of this file). */
function signOutEverywhere(scope: TenantScope, userId: string): Promise<number> {
  return scope.deps.auth.revokeUserSessions(scope.viewer.tenantId, userId);
}

/**
 * Changing to the role a user already has records nothing but still signs them out: a retry
 * after a failed sign-out then completes it.
 */
export async function changeUserRole(scope: TenantScope, id: string, newRole: Role): Promise<User> {
  assertCan(scope.viewer, 'user:manage');
  const user = await scope.db.write(async (tx) => {
    const before = await findOrThrow(tx.user, 'User', id);
    assertMayTouchOwner(scope, before.role, newRole);
    if (before.role === newRole) return before;
    if (before.role === 'OWNER' && before.active) await assertAnotherOwnerRemains(tx, id, before.displayName);
    const after = await tx.user.update({ where: { id }, data: { role: newRole } });
    await recordActivity(tx, scope, {
      verb: 'user.role_changed',
      subjectType: 'User',
      subjectId: id,
      summary: `changed the role of ${after.displayName} from ${before.role} to ${newRole}`,
    });
    return after;
  });
  await signOutEverywhere(scope, id);
  return user;
}

/**
 * Deactivating an OWNER takes their ownership away in effect, so it needs an OWNER too.
 * Deactivating an inactive user changes nothing but signs them out again (idempotent retry).
 */
export async function deactivateUser(scope: TenantScope, id: string): Promise<User> {
  assertCan(scope.viewer, 'user:manage');
  if (id === scope.viewer.userId) throw new ForbiddenError('You cannot deactivate your own account; ask another admin');
  const user = await scope.db.write(async (tx) => {
    const before = await findOrThrow(tx.user, 'User', id);
    assertMayTouchOwner(scope, before.role);
    if (!before.active) return before;
    if (before.role === 'OWNER') await assertAnotherOwnerRemains(tx, id, before.displayName);
    const after = await tx.user.update({ where: { id }, data: { active: false } });
    await recordActivity(tx, scope, { verb: 'user.deactivated', subjectType: 'User', subjectId: id, summary: `deactivated ${after.displayName}` });
    return after;
  });
  await signOutEverywhere(scope, id);
  return user;
}
