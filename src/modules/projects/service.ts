/**
 * Project rules: only ADMINs manage projects; a code is unique within the tenant; the owner is an
 * active user of the tenant; a project is not due before it starts. Every change records an
 * ActivityEvent in its own transaction.
 */
import { z } from 'zod';
import { assertCan } from '../../auth/permissions.js';
import type { TenantScope } from '../../context/context.js';
import type { TenantTx } from '../../db/tenant-db.js';
import { BadUserInputError, ConflictError } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { ProjectStatus } from '../../generated/prisma/enums.js';
import { recordActivity } from '../activity/record.js';
import { assertActiveUser, findOrThrow } from '../common/lookups.js';
import { pageOf, parsePage, type Connection, type PageArgs } from '../common/pagination.js';
import { code, longText, name, parseInput, uuid } from '../common/validation.js';
import type { Project } from '../models.js';

export function listProjects(scope: TenantScope, args: PageArgs & { status?: ProjectStatus | null }): Promise<Connection<Project>> {
  const conditions = args.status ? [Prisma.sql`t.status = ${args.status}::project_status`] : [];
  return pageOf(scope.db, { table: 'projects', conditions }, parsePage(args));
}

const status = z.enum(['PLANNED', 'ACTIVE', 'ON_HOLD', 'DONE', 'ARCHIVED']);
const DUE_BEFORE_START = 'must not be before startsOn';

const createInput = z
  .object({
    code,
    name,
    description: longText.nullish(),
    status: status.nullish(),
    ownerId: uuid.nullish(),
    startsOn: z.date().nullish(),
    dueOn: z.date().nullish(),
  })
  .refine((p) => !p.startsOn || !p.dueOn || p.dueOn >= p.startsOn, { message: DUE_BEFORE_START, path: ['dueOn'] });

export async function createProject(scope: TenantScope, rawInput: unknown): Promise<Project> {
  assertCan(scope.viewer, 'project:manage');
  const input = parseInput(createInput, rawInput, 'input');
  return scope.db.write(async (tx) => {
    await assertCodeFree(tx, input.code);
    const ownerId = input.ownerId ?? scope.viewer.userId;
    if (input.ownerId) await assertActiveUser(tx, input.ownerId, 'input.ownerId');
    const project = await tx.project.create({
      data: {
        tenantId: scope.viewer.tenantId,
        code: input.code,
        name: input.name,
        description: input.description ?? '',
        status: input.status ?? 'PLANNED',
        ownerId,
        startsOn: input.startsOn ?? null,
        dueOn: input.dueOn ?? null,
      },
    });
    await recordActivity(tx, scope, { verb: 'project.created', subjectType: 'Project', subjectId: project.id, summary: `created project ${project.code} "${project.name}"` });
    return project;
  });
}

// Required columns ignore an explicit null (nothing to clear); the dates treat null as "clear".
const updateInput = z.object({
  code: code.nullish(),
  name: name.nullish(),
  description: longText.nullish(),
  status: status.nullish(),
  ownerId: uuid.nullish(),
  startsOn: z.date().nullish(),
  dueOn: z.date().nullish(),
});

export async function updateProject(scope: TenantScope, id: string, rawInput: unknown): Promise<Project> {
  assertCan(scope.viewer, 'project:manage');
  const input = parseInput(updateInput, rawInput, 'input');
  return scope.db.write(async (tx) => {
    const before = await findOrThrow(tx.project, 'Project', id);
    if (input.code != null && input.code !== before.code) await assertCodeFree(tx, input.code);
    if (input.ownerId != null) await assertActiveUser(tx, input.ownerId, 'input.ownerId');
    // The rule holds for the project as it will be, so a change of one date is checked against the other.
    const startsOn = input.startsOn !== undefined ? input.startsOn : before.startsOn;
    const dueOn = input.dueOn !== undefined ? input.dueOn : before.dueOn;
    if (startsOn && dueOn && dueOn < startsOn) {
      const field = input.dueOn !== undefined ? 'input.dueOn' : 'input.startsOn';
      const message = field === 'input.dueOn' ? DUE_BEFORE_START : 'must not be after dueOn';
      throw new BadUserInputError(`Invalid input: ${field}: ${message}`, { [field]: message });
    }
    const project = await tx.project.update({
      where: { id },
      data: {
        ...(input.code != null && { code: input.code }),
        ...(input.name != null && { name: input.name }),
        ...(input.description != null && { description: input.description }),
        ...(input.status != null && { status: input.status }),
        ...(input.ownerId != null && { ownerId: input.ownerId }),
        ...(input.startsOn !== undefined && { startsOn: input.startsOn }),
        ...(input.dueOn !== undefined && { dueOn: input.dueOn }),
      },
    });
    await recordActivity(tx, scope, { verb: 'project.updated', subjectType: 'Project', subjectId: id, summary: `updated project ${project.code} "${project.name}"` });
    return project;
  });
}

export async function archiveProject(scope: TenantScope, id: string): Promise<Project> {
  assertCan(scope.viewer, 'project:manage');
  return scope.db.write(async (tx) => {
    const before = await findOrThrow(tx.project, 'Project', id);
    if (before.status === 'ARCHIVED') throw new ConflictError(`Project ${before.code} is already archived`);
    const project = await tx.project.update({ where: { id }, data: { status: 'ARCHIVED' } });
    await recordActivity(tx, scope, {
      verb: 'project.archived',
      subjectType: 'Project',
      subjectId: id,
      summary: `archived project ${project.code} "${project.name}" (was ${before.status})`,
    });
    return project;
  });
}

/**
 * A clear CONFLICT before the insert; the unique index (tenant_id, code) still decides a race,
 * and its violation is translated to CONFLICT as well (db/database-errors.ts).
 */
async function assertCodeFree(tx: TenantTx, projectCode: string): Promise<void> {
  const taken = await tx.project.findFirst({ where: { code: projectCode }, select: { id: true } });
  if (taken) throw new ConflictError(`Project code ${JSON.stringify(projectCode)} is already in use in this tenant`);
}
