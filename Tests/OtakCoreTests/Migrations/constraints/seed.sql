INSERT INTO "products" ("id", "name", "sku", "price") VALUES ('00000000-0000-0000-0000-000000000001', 'Lamp', 'L-1', 5);
