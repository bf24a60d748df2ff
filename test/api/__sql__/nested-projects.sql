SELECT set_config('role', $1, true), set_config('app.current_tenant', $2, true), set_config('statement_timeout', $3, true), set_config('idle_in_transaction_session_timeout', $4, true);

SELECT * FROM (
SELECT t.*, row_number() OVER (PARTITION BY t.project_id ORDER BY t.created_at DESC, t.id DESC) AS "_rank"
FROM tasks t
WHERE t.project_id = ANY($1::uuid[])
) ranked
WHERE "_rank" <= $2
ORDER BY "_rank";

SELECT * FROM (
SELECT t.*, row_number() OVER (PARTITION BY t.task_id ORDER BY t.created_at ASC, t.id ASC) AS "_rank"
FROM comments t
WHERE t.task_id = ANY($1::uuid[])
) ranked
WHERE "_rank" <= $2
ORDER BY "_rank";

SELECT * FROM departments WHERE id = ANY($1::uuid[]);

SELECT * FROM users WHERE id = ANY($1::uuid[]);

SELECT * FROM users WHERE id = ANY($1::uuid[]);

SELECT t.* FROM projects t
WHERE TRUE
ORDER BY t.created_at DESC, t.id DESC
LIMIT $1;

COMMIT;
