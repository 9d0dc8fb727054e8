INSERT INTO "products" ("id", "name", "code", "stock", "sku") VALUES ('00000000-0000-0000-0000-000000000001', 'Lamp', 'C', NULL, 'S');
