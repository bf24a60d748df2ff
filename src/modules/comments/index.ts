import { domainModule } from '../module.js';
import { createCommentLoaders } from './loaders.js';
import { commentResolvers } from './resolvers.js';

export const commentsModule = domainModule({ name: 'comments', resolvers: commentResolvers, createLoaders: createCommentLoaders });
