/**
 * Attachment rules. An upload is two mutations around a direct PUT to storage:
 *   createAttachmentUpload   reserves a PENDING row and returns a presigned URL for exactly the
 *                            announced type and size;
 *   (client PUTs the bytes)  to S3 or the local /uploads endpoint, never through GraphQL;
 *   completeAttachmentUpload checks that the stored object has the announced size, marks READY.
 * Each step records an ActivityEvent in the same transaction as its write.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { assertCan } from '../../auth/permissions.js';
import type { TenantScope } from '../../context/context.js';
import { ConflictError } from '../../errors.js';
import { attachmentStorageKey } from '../../storage/storage-keys.js';
import { recordActivity } from '../activity/record.js';
import { findOrThrow } from '../common/lookups.js';
import { parseInput, uuid } from '../common/validation.js';
import type { Attachment, AttachmentUpload } from '../models.js';

// RFC 6838 type/subtype names, without parameters: the value is matched exactly against the
// uploaded Content-Type, and a browser's File.type never carries parameters.
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
// Control characters, and the bidi overrides that make "exe.pdf" display as "fdp.exe".
const UNSAFE_FILENAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function createUploadInput(maxBytes: number) {
  return z.object({
    taskId: uuid,
    filename: z
      .string()
      .min(1, 'must not be empty')
      .max(255, 'at most 255 characters')
      .refine((name) => !/[/\\]/.test(name), "must not contain '/' or '\\'")
      .refine((name) => !UNSAFE_FILENAME_CHARS.test(name), 'must not contain control characters')
      .refine((name) => name !== '.' && name !== '..', "must not be '.' or '..'"),
    contentType: z
      .string()
      .trim()
      .toLowerCase()
      .regex(MIME_TYPE, "expected a MIME type such as 'application/pdf'"),
    size: z
      .number()
      .int('must be a whole number of bytes')
      .min(1, 'must be at least 1 byte')
      .max(maxBytes, `must be at most ${maxBytes} bytes`),
  });
}

export async function createAttachmentUpload(scope: TenantScope, rawInput: unknown): Promise<AttachmentUpload> {
  assertCan(scope.viewer, 'attachment:write');
  const input = parseInput(createUploadInput(scope.deps.config.MAX_UPLOAD_BYTES), rawInput, 'input');
  return scope.db.write(async (tx) => {
    const task = await findOrThrow(tx.task, 'Task', input.taskId);
    const id = randomUUID(); // chosen here because the storage key contains it
    const storageKey = attachmentStorageKey({ tenantId: scope.viewer.tenantId, taskId: task.id, attachmentId: id, filename: input.filename });
    const attachment = await tx.attachment.create({
      data: {
        id,
        tenantId: scope.viewer.tenantId,
        taskId: task.id,
        uploadedById: scope.viewer.userId,
        storageKey,
        filename: input.filename,
        contentType: input.contentType,
        size: input.size,
      },
    });
    await recordActivity(tx, scope, {
      verb: 'attachment.requested',
      subjectType: 'Attachment',
      subjectId: id,
      summary: `started uploading "${input.filename}" to task "${task.title}"`,
    });
    // Signed inside the transaction (a local computation, no call to S3): should signing fail,
    // the row rolls back instead of staying PENDING with no URL anyone received.
    const upload = await scope.deps.storage.presignUpload(storageKey, { contentType: input.contentType, size: input.size });
    return { attachment, uploadUrl: upload.url, method: upload.method, headers: upload.headers, expiresAt: upload.expiresAt };
  });
}

export async function completeAttachmentUpload(scope: TenantScope, id: string): Promise<Attachment> {
  assertCan(scope.viewer, 'attachment:write');
  // Read on the writer: the row may be seconds old, newer than a lagging replica.
  const announced = await scope.db.write((tx) => findOrThrow(tx.attachment, 'Attachment', id));
  if (announced.status === 'READY') return announced; // completing twice is harmless
  // Outside any transaction: a HeadObject round trip should not hold a database connection.
  const stored = await scope.deps.storage.stat(announced.storageKey);
  if (!stored) throw new ConflictError(`Attachment ${id} has not been uploaded yet; PUT the file to its upload URL first`);
  if (stored.size !== announced.size) {
    throw new ConflictError(`Attachment ${id}: ${stored.size} bytes were uploaded but ${announced.size} were announced`);
  }
  return scope.db.write(async (tx) => {
    // Conditional, so two concurrent completions record one attachment.added between them.
    const { count } = await tx.attachment.updateMany({ where: { id, status: 'PENDING' }, data: { status: 'READY' } });
    const attachment = await findOrThrow(tx.attachment, 'Attachment', id);
    if (count === 1) {
      await recordActivity(tx, scope, {
        verb: 'attachment.added',
        subjectType: 'Attachment',
        subjectId: id,
        summary: `attached "${attachment.filename}" (${attachment.size} bytes)`,
      });
    }
    return attachment;
  });
}

/** A short-lived download link, only for a file that has arrived. */
export function downloadUrl(scope: TenantScope, attachment: Attachment): Promise<string> | null {
  if (attachment.status !== 'READY') return null;
  return scope.deps.storage.presignDownload(attachment.storageKey, { filename: attachment.filename, contentType: attachment.contentType });
}
