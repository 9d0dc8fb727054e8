INSERT INTO "products" ("id", "status") VALUES ('00000000-0000-0000-0000-000000000001', 'live');
