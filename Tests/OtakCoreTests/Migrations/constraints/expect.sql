SELECT CASE WHEN count(*) = 1 THEN 'ok' ELSE 'lost' END FROM "products" WHERE "sku" = 'L-1' AND "price" = 5;
