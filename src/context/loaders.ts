/**
 * Every DataLoader of one request, created together per request from the modules' factories
 * (src/modules/index.ts) — never shared across requests or tenants: a loader's cache is only as
 * safe as the scope it was made in.
 */
import type { RequestDb } from '../db/request-db.js';
import { domainModules } from '../modules/index.js';
import type { DomainModule } from '../modules/module.js';

type Modules = (typeof domainModules)[number];

/** `loaders.<module name>`, for every module that has loaders. */
export type Loaders = {
  [M in Modules as M extends { createLoaders: (db: RequestDb) => unknown } ? M['name'] : never]: M extends { createLoaders: (db: RequestDb) => infer L } ? L : never;
};

export function createLoaders(db: RequestDb): Loaders {
  const loaders: Record<string, unknown> = {};
  for (const module of domainModules as readonly DomainModule[]) if (module.createLoaders) loaders[module.name] = module.createLoaders(db);
  return loaders as Loaders;
}
