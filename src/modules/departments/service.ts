/**
 * Department rules: ADMINs manage departments; a code is unique within the tenant. Every write
 * records an ActivityEvent in the same transaction.
 */
import { z } from 'zod';
import { assertCan } from '../../auth/permissions.js';
import type { TenantScope } from '../../context/context.js';
import type { TenantTx } from '../../db/tenant-db.js';
import { BadUserInputError, ConflictError } from '../../errors.js';
import { recordActivity } from '../activity/record.js';
import { findOrThrow } from '../common/lookups.js';
import { pageOf, parsePage, type Connection, type PageArgs } from '../common/pagination.js';
import { code, name, parseInput } from '../common/validation.js';
import type { Department } from '../models.js';

/** The SDL's default page size for `departments` (master data: one page usually holds them all). */
const DEFAULT_PAGE_SIZE = 50;

export function listDepartments(scope: TenantScope, args: PageArgs): Promise<Connection<Department>> {
  return pageOf(scope.db, { table: 'departments' }, parsePage(args, DEFAULT_PAGE_SIZE));
}

/**
 * A department referenced by an input field must exist in the tenant. Another tenant's id looks
 * exactly like a missing one (RLS hides it), so the message reveals nothing.
 */
export async function assertDepartmentExists(tx: TenantTx, departmentId: string, field: string): Promise<void> {
  const department = await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } });
  if (!department) {
    throw new BadUserInputError(`${field}: no department ${departmentId} in this tenant`, { [field]: 'no such department' });
  }
}

/**
 * Checked before writing so the client gets a message naming the code; a concurrent insert of
 * the same code still fails on the unique index (CONFLICT from the db layer).
 */
async function assertCodeFree(tx: TenantTx, tenantId: string, departmentCode: string): Promise<void> {
  const taken = await tx.department.findUnique({ where: { tenantId_code: { tenantId, code: departmentCode } }, select: { id: true } });
  if (taken) throw new ConflictError(`A department with code ${JSON.stringify(departmentCode)} already exists in this tenant`);
}

const createInput = z.object({ code, name });

export async function createDepartment(scope: TenantScope, rawInput: unknown): Promise<Department> {
  assertCan(scope.viewer, 'department:manage');
  const input = parseInput(createInput, rawInput, 'input');
  const { tenantId } = scope.viewer;
  return scope.db.write(async (tx) => {
    await assertCodeFree(tx, tenantId, input.code);
    const department = await tx.department.create({ data: { tenantId, code: input.code, name: input.name } });
    await recordActivity(tx, scope, {
      verb: 'department.created',
      subjectType: 'Department',
      subjectId: department.id,
      summary: `created department ${department.code} "${department.name}"`,
    });
    return department;
  });
}

const updateInput = z.object({ code: code.nullish(), name: name.nullish() });

export async function updateDepartment(scope: TenantScope, id: string, rawInput: unknown): Promise<Department> {
  assertCan(scope.viewer, 'department:manage');
  const input = parseInput(updateInput, rawInput, 'input');
  const { tenantId } = scope.viewer;
  return scope.db.write(async (tx) => {
    const before = await findOrThrow(tx.department, 'Department', id);
    if (input.code != null && input.code !== before.code) await assertCodeFree(tx, tenantId, input.code);
    const department = await tx.department.update({
      where: { id },
      data: {
        ...(input.code != null && { code: input.code }),
        ...(input.name != null && { name: input.name }),
      },
    });
    await recordActivity(tx, scope, {
      verb: 'department.updated',
      subjectType: 'Department',
      subjectId: id,
      summary: `updated department ${department.code} "${department.name}"`,
    });
    return department;
  });
}
