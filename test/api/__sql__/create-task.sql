SELECT set_config('role', $1, true), set_config('app.current_tenant', $2, true);

SELECT "public"."projects"."id", "public"."projects"."tenant_id", "public"."projects"."code", "public"."projects"."name", "public"."projects"."description", "public"."projects"."status"::text, "public"."projects"."owner_id", "public"."projects"."starts_on", "public"."projects"."due_on", "public"."projects"."created_at", "public"."projects"."updated_at" FROM "public"."projects" WHERE ("public"."projects"."id" = $1 AND 1=1) LIMIT $2 OFFSET $3;

INSERT INTO "public"."tasks" ("id","tenant_id","project_id","title","description","status","priority","assignee_id","due_at","created_at","updated_at") VALUES ($1,$2,$3,$4,$5,CAST($6::text AS "public"."task_status"),CAST($7::text AS "public"."task_priority"),$8,$9,$10,$11) RETURNING "public"."tasks"."id", "public"."tasks"."tenant_id", "public"."tasks"."project_id", "public"."tasks"."title", "public"."tasks"."description", "public"."tasks"."status"::text, "public"."tasks"."priority"::text, "public"."tasks"."assignee_id", "public"."tasks"."due_at", "public"."tasks"."completed_at", "public"."tasks"."created_at", "public"."tasks"."updated_at";

INSERT INTO "public"."activity_events" ("id","tenant_id","actor_id","verb","subject_type","subject_id","summary","created_at","updated_at") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING "public"."activity_events"."id", "public"."activity_events"."tenant_id", "public"."activity_events"."actor_id", "public"."activity_events"."verb", "public"."activity_events"."subject_type", "public"."activity_events"."subject_id", "public"."activity_events"."summary", "public"."activity_events"."created_at", "public"."activity_events"."updated_at";

COMMIT;
