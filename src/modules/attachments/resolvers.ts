import { requireScope } from '../../context/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { completeAttachmentUpload, createAttachmentUpload, downloadUrl } from './service.js';

export const attachmentResolvers: Resolvers = {
  Mutation: {
    createAttachmentUpload: (_, { input }, ctx) => createAttachmentUpload(requireScope(ctx), input),
    completeAttachmentUpload: (_, { id }, ctx) => completeAttachmentUpload(requireScope(ctx), id),
  },
  Attachment: {
    // Foreign keys in the same tenant (and uploaders are never deleted: onDelete Restrict).
    task: async (attachment, _, ctx) => (await requireScope(ctx).loaders.tasks.byId.load(attachment.taskId))!,
    uploadedBy: async (attachment, _, ctx) => (await requireScope(ctx).loaders.users.byId.load(attachment.uploadedById))!,
    downloadUrl: (attachment, _, ctx) => downloadUrl(requireScope(ctx), attachment),
  },
};
