INSERT INTO "products" ("id", "price", "rating", "code", "label") VALUES ('00000000-0000-0000-0000-000000000001', 250, 4.6, 7, 8);
