SELECT CASE WHEN count(*) = 1 THEN 'ok' ELSE 'lost' END FROM "products" WHERE "code" = 'C' AND "stock" = 0 AND "sku" = 'S';
