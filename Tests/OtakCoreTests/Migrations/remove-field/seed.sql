INSERT INTO "products" ("id", "name", "weight", "size", "note", "active") VALUES ('00000000-0000-0000-0000-000000000001', 'Lamp', 3, 'large', 'n', FALSE);
