SELECT set_config('role', $1, true), set_config('app.current_tenant', $2, true), set_config('statement_timeout', $3, true), set_config('idle_in_transaction_session_timeout', $4, true);

SELECT * FROM departments WHERE id = ANY($1::uuid[]);

SELECT count(*)::int AS n FROM users t WHERE t.active = $1 AND (t.display_name ILIKE $2 OR t.email ILIKE $3);

SELECT t.* FROM users t
WHERE t.active = $1 AND (t.display_name ILIKE $2 OR t.email ILIKE $3)
ORDER BY t.created_at DESC, t.id DESC
LIMIT $4;

COMMIT;
