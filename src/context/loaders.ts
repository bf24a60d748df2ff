/**
 * Every DataLoader of one request, created together per request — never shared across requests
 * or tenants: a loader's cache is only as safe as the scope it was made in.
 *
 * The context does not know which domains exist. Each domain module that has loaders adds its
 * entry to this interface from its own index.ts (declaration merging), and the composition root
 * hands the context one factory for all of them (`Dependencies.createLoaders`, built from the
 * module list in src/modules/index.ts, which also checks that the two agree).
 */
export interface Loaders {}
