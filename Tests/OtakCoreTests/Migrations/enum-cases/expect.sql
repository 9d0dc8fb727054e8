SELECT CASE WHEN count(*) = 1 THEN 'ok' ELSE 'lost' END FROM "products" WHERE "status" = 'live';
