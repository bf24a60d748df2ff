import { defineConfig } from 'prisma/config';

// `env()` from prisma/config throws when the variable is unset, even for `prisma generate`;
// the embedded default has no DATABASE_URL, so read it leniently.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
