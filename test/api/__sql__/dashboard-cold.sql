SELECT set_config('role', $1, true), set_config('app.current_tenant', $2, true), set_config('statement_timeout', $3, true), set_config('idle_in_transaction_session_timeout', $4, true);

SELECT * FROM activity_events ORDER BY created_at DESC, id DESC LIMIT $1;

SELECT * FROM projects
WHERE status IN ('ACTIVE', 'PLANNED')
ORDER BY due_on ASC NULLS LAST, created_at, id
LIMIT $1;

SELECT * FROM tasks
WHERE status IN ('TODO', 'IN_PROGRESS', 'BLOCKED') AND due_at < $1
ORDER BY due_at, id
LIMIT $2;

SELECT * FROM users WHERE id = ANY($1::uuid[]);

SELECT assignee_id::text AS "assigneeId", count(*)::int AS "openCount"
FROM tasks
WHERE status IN ('TODO', 'IN_PROGRESS', 'BLOCKED') AND assignee_id IS NOT NULL
GROUP BY assignee_id
ORDER BY count(*) DESC, assignee_id
LIMIT $1;

SELECT project_id::text AS "projectId", count(*) FILTER (WHERE status = 'DONE')::int AS done, count(*)::int AS total
FROM tasks WHERE project_id = ANY($1::uuid[])
GROUP BY project_id;

SELECT status::text AS status, count(*)::int AS count FROM projects GROUP BY status;

SELECT status::text AS status, count(*)::int AS count,
count(*) FILTER (WHERE status IN ('TODO', 'IN_PROGRESS', 'BLOCKED') AND due_at < $1)::int AS overdue
FROM tasks
GROUP BY status;

COMMIT;
