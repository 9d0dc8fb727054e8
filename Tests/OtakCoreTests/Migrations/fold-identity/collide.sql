INSERT INTO "members" ("id", "email", "password") VALUES ('00000000-0000-0000-0000-000000000001', 'Ann@Example.com', 'x');
INSERT INTO "members" ("id", "email", "password") VALUES ('00000000-0000-0000-0000-000000000002', 'ann@example.com ', 'x');
