import { domainModule } from '../module.js';
import { createCommentLoaders } from './loaders.js';
import { commentResolvers } from './resolvers.js';

export const commentsModule = domainModule({ name: 'comments', resolvers: commentResolvers, createLoaders: createCommentLoaders });

declare module '../../context/loaders.js' {
  interface Loaders {
    /** `scope.loaders.comments`: created per request by the composition root (src/modules/index.ts). */
    comments: ReturnType<typeof createCommentLoaders>;
  }
}
