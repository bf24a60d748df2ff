import { domainModule } from '../module.js';
import { createDepartmentLoaders } from './loaders.js';
import { departmentResolvers } from './resolvers.js';

export const departmentsModule = domainModule({ name: 'departments', resolvers: departmentResolvers, createLoaders: createDepartmentLoaders });
