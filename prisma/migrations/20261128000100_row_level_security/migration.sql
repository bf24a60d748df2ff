-- Tenant isolation, enforced by PostgreSQL itself.
--
-- The application queries as "dandori_app": a role that owns nothing, is neither superuser nor
-- BYPASSRLS, and cannot log in by itself. Every request transaction starts with
--   SELECT set_config('role', 'dandori_app', true), set_config('app.current_tenant', $1, true)
-- (a SELECT, not SET, so RDS Proxy does not pin the connection). RLS is FORCEd so that even the
-- table owner is filtered, and the policies read the setting through NULLIF because a pooled
-- connection reports '' (not NULL) once an earlier transaction has set it: no tenant means no rows.

-- Roles belong to the cluster, not the database: another database on the same server may have
-- created it already, or be creating it right now (hence the exception handler).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dandori_app') THEN
    CREATE ROLE dandori_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

-- The connecting user (whoever runs the migrations and the server) must be able to switch to it.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'dandori_app', 'MEMBER') THEN
    EXECUTE format('GRANT dandori_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO dandori_app;

-- The tenant row itself: readable and editable (by OWNERs, checked in the service) only by its own
-- tenant. Enabled but not forced: "tenants" is the registry above the tenants, so its owner (the
-- migrating user, which provisions tenants and owns tenant_id_for_slug below) must see every row.
GRANT SELECT, UPDATE ON "tenants" TO dandori_app;
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "tenants"
  USING ("id" = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
  WITH CHECK ("id" = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- Login knows only the tenant's slug: resolve it without exposing the list of tenants.
CREATE FUNCTION "tenant_id_for_slug"(p_slug TEXT) RETURNS UUID
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT "id" FROM "tenants" WHERE "slug" = p_slug $$;
REVOKE ALL ON FUNCTION "tenant_id_for_slug"(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "tenant_id_for_slug"(TEXT) TO dandori_app;

-- Every tenant table: same grants, RLS forced, one policy on tenant_id.
DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'departments', 'projects', 'tasks', 'comments',
                           'attachments', 'notifications', 'activity_events']
  LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO dandori_app', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY "tenant_isolation" ON %I '
      'USING ("tenant_id" = NULLIF(current_setting(''app.current_tenant'', true), '''')::uuid) '
      'WITH CHECK ("tenant_id" = NULLIF(current_setting(''app.current_tenant'', true), '''')::uuid)', t);
  END LOOP;
END
$$;
