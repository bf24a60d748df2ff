SELECT set_config('role', $1, true), set_config('app.current_tenant', $2, true), set_config('statement_timeout', $3, true), set_config('idle_in_transaction_session_timeout', $4, true);

SELECT * FROM projects WHERE id = ANY($1::uuid[]);

SELECT * FROM users WHERE id = ANY($1::uuid[]);

SELECT count(*)::int AS n FROM tasks t WHERE t.status = ANY($1::text[]::task_status[]);

SELECT t.* FROM tasks t
WHERE t.status = ANY($1::text[]::task_status[])
ORDER BY t.created_at DESC, t.id DESC
LIMIT $2;

COMMIT;
