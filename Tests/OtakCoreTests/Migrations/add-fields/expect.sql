SELECT CASE WHEN count(*) = 1 THEN 'ok' ELSE 'lost' END FROM "products"
WHERE "name" = 'Lamp' AND "weight" = 0 AND "size" = 'small' AND "note" IS NULL AND "active" = TRUE AND "added" IS NOT NULL;
