INSERT INTO "members" ("id", "email", "password") VALUES ('00000000-0000-0000-0000-000000000001', ' Ann@Example.COM', 'x');
INSERT INTO "members" ("id", "email", "password") VALUES ('00000000-0000-0000-0000-000000000002', 'bob@example.com', 'x');
