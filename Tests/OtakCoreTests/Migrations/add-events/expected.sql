-- 0002_create_otak_events

-- sqlite

CREATE TABLE "otak_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entity" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "row_id" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "caller_id" TEXT,
    "created_at" TEXT NOT NULL,
    "image" TEXT,
    "previous" TEXT
);

CREATE INDEX "otak_events_created_at_idx" ON "otak_events" ("created_at");

-- postgres

CREATE TABLE "otak_events" (
    "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
    "entity" text NOT NULL,
    "kind" text NOT NULL,
    "row_id" uuid NOT NULL,
    "data" json NOT NULL,
    "caller_id" uuid,
    "created_at" timestamptz NOT NULL,
    "image" json,
    "previous" json
);

CREATE INDEX "otak_events_created_at_idx" ON "otak_events" ("created_at");
