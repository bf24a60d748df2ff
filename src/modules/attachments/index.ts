import { domainModule } from '../module.js';
import { createAttachmentLoaders } from './loaders.js';
import { attachmentResolvers } from './resolvers.js';

export const attachmentsModule = domainModule({ name: 'attachments', resolvers: attachmentResolvers, createLoaders: createAttachmentLoaders });
