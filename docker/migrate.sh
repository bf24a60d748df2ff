#!/bin/sh
# Applies pending database migrations; run by the `dandori-migrate` Job before each rollout.
#
# `prisma migrate deploy` when the image carries Prisma's schema engine (downloaded at build time,
# its path recorded in $APP_DIR/.prisma-schema-engine); otherwise our own runner, which keeps the
# same `_prisma_migrations` table, checksums and advisory lock. Never runs Prisma with a stand-in
# engine: with PRISMA_SCHEMA_ENGINE_BINARY=/bin/true it reports success and applies nothing.
# MIGRATE_WITH=runner forces our runner.
#
# Then, with APP_DATABASE_USER set (the Job's Secret, from Pulumi), makes sure the app's login role
# exists with APP_DATABASE_PASSWORD and is a member of dandori_app only (docker/ensure-app-login.mjs).
set -eu

APP_DIR="${APP_DIR:-/app}"
cd "$APP_DIR"

if [ -z "${DATABASE_URL:-}" ]; then
  echo "migrate: DATABASE_URL is not set" >&2
  exit 64
fi
# The root filesystem is read-only: anything Prisma caches goes to /tmp.
export HOME=/tmp
unset PRISMA_SCHEMA_ENGINE_BINARY

engine=""
if [ -f .prisma-schema-engine ]; then
  engine="$(cat .prisma-schema-engine)"
fi

if [ "${MIGRATE_WITH:-auto}" != "runner" ] && [ -n "$engine" ] && [ -x "$engine" ]; then
  echo "migrate: prisma migrate deploy (schema engine $engine)"
  PRISMA_SCHEMA_ENGINE_BINARY="$engine" node_modules/.bin/prisma migrate deploy
else
  echo "migrate: built-in runner (dist/src/db/migrate-cli.js)"
  node dist/src/db/migrate-cli.js
fi

if [ -n "${APP_DATABASE_USER:-}" ]; then
  exec node docker/ensure-app-login.mjs
fi
