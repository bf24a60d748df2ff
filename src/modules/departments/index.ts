import { domainModule } from '../module.js';
import { createDepartmentLoaders } from './loaders.js';
import { departmentResolvers } from './resolvers.js';

export const departmentsModule = domainModule({ name: 'departments', resolvers: departmentResolvers, createLoaders: createDepartmentLoaders });

declare module '../../context/loaders.js' {
  interface Loaders {
    /** `scope.loaders.departments`: created per request by the composition root (src/modules/index.ts). */
    departments: ReturnType<typeof createDepartmentLoaders>;
  }
}
