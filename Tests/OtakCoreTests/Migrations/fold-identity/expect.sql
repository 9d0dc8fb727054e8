SELECT CASE WHEN count(*) = 2 THEN 'ok' ELSE 'not folded' END FROM "members"
WHERE "email" IN ('ann@example.com', 'bob@example.com');
