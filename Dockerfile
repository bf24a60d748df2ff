# syntax=docker/dockerfile:1.7
# Dandori Portal API. Build: docker build -t dandori-portal-api:<tag> .
# Runs the API by default; the worker and the migration Job use the same image with another command
# (node dist/src/jobs/worker.js, /app/docker/migrate.sh).
ARG NODE_VERSION=20.20.2

# ---- build: all dependencies, generate the Prisma client, compile -------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig*.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY schema ./schema
COPY src ./src
# `build` generates the Prisma client first (prebuild); the GraphQL types are committed.
RUN npm run build
# Production dependencies only from here on.
RUN npm prune --omit=dev --no-audit --no-fund
# Prisma's schema engine for `prisma migrate deploy`: downloaded now, where the build has a network.
# If the download fails the image still works: docker/migrate.sh falls back to our runner.
RUN (npx --no-install prisma --version || true) \
 && engine="$(find node_modules/@prisma/engines node_modules/prisma -type f -name 'schema-engine*' -perm -u+x 2>/dev/null | head -n 1)" \
 && if [ -n "$engine" ]; then echo "/app/$engine" > .prisma-schema-engine; \
    else : > .prisma-schema-engine; echo "no schema engine: migrations use the built-in runner"; fi

# ---- runtime: production dependencies, non-root, read-only friendly -----------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini ca-certificates openssl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 app \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    METRICS_PORT=9464 \
    SHUTDOWN_GRACE_MS=25000 \
    HOME=/tmp
WORKDIR /app
# The CA bundle for sslmode=verify-full (pulumi/src/database.ts DATABASE_CA_BUNDLE): Amazon RDS's
# certificate authorities (Aurora's certificates) followed by the Amazon Trust Services roots from
# Debian's ca-certificates (RDS Proxy's certificates are issued by ACM). Nothing else is trusted
# for the database; node-postgres checks the chain against this file and the host name.
ADD https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /tmp/rds-global-bundle.pem
RUN mkdir -p /app/certs \
 && cat /tmp/rds-global-bundle.pem \
        /usr/share/ca-certificates/mozilla/Amazon_Root_CA_1.crt \
        /usr/share/ca-certificates/mozilla/Amazon_Root_CA_2.crt \
        /usr/share/ca-certificates/mozilla/Amazon_Root_CA_3.crt \
        /usr/share/ca-certificates/mozilla/Amazon_Root_CA_4.crt \
        /usr/share/ca-certificates/mozilla/Starfield_Services_Root_Certificate_Authority_-_G2.crt \
      > /app/certs/aws-rds-ca-bundle.pem \
 && chmod 0644 /app/certs/aws-rds-ca-bundle.pem \
 && rm /tmp/rds-global-bundle.pem \
 && grep -c 'BEGIN CERTIFICATE' /app/certs/aws-rds-ca-bundle.pem
# Owned by root and not writable by the app user: the code cannot be changed at run time.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/schema ./schema
# The trusted documents manifest (TRUSTED_DOCUMENTS=log|enforce reads it at start).
COPY documents ./documents
COPY --from=build /app/prisma.config.ts ./prisma.config.ts
COPY --from=build /app/.prisma-schema-engine ./
COPY docker/migrate.sh docker/ensure-app-login.mjs ./docker/
USER 10001:10001
EXPOSE 4000 9464
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# tini forwards SIGTERM to node (PID 1 would otherwise ignore it) so the server drains.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
