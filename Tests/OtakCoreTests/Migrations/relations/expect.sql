SELECT CASE WHEN (SELECT count(*) FROM "products" WHERE "maker_id" IS NULL) = 1 AND (SELECT count(*) FROM "tags") = 1
    AND (SELECT count(*) FROM "maker_tags") = 0 THEN 'ok' ELSE 'lost' END;
