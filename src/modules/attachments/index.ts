import { domainModule } from '../module.js';
import { createAttachmentLoaders } from './loaders.js';
import { attachmentResolvers } from './resolvers.js';

export const attachmentsModule = domainModule({ name: 'attachments', resolvers: attachmentResolvers, createLoaders: createAttachmentLoaders });

declare module '../../context/loaders.js' {
  interface Loaders {
    /** `scope.loaders.attachments`: created per request by the composition root (src/modules/index.ts). */
    attachments: ReturnType<typeof createAttachmentLoaders>;
  }
}
