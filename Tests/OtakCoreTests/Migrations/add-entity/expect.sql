SELECT CASE WHEN (SELECT count(*) FROM "products") = 1 AND (SELECT count(*) FROM "reviews") = 0 THEN 'ok' ELSE 'lost' END;
