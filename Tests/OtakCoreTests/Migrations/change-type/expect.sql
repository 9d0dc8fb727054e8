SELECT CASE WHEN count(*) = 1 THEN 'ok' ELSE 'lost' END FROM "products"
WHERE "price" = 250 AND "rating" = 5 AND "code" = '7' AND "label" = '8';
