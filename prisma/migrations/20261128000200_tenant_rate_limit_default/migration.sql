-- The gateway limits each tenant's rate (src/server/tenant-rate-limit.ts) to
-- tenants.rate_limit_per_minute. 1,200/min (20 req/s) is far too low for a tenant of up to
-- 2,000 members (load tests run ~100 req/s per tenant): the default becomes 60,000/min, and
-- tenants still at the old default move with it (a limit someone chose is left alone).
ALTER TABLE "tenants" ALTER COLUMN "rate_limit_per_minute" SET DEFAULT 60000;
UPDATE "tenants" SET "rate_limit_per_minute" = 60000 WHERE "rate_limit_per_minute" = 1200;
