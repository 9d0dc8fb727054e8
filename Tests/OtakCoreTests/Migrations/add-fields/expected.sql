-- 0002_add_product_weight_and_4_more

-- sqlite

-- SQLite cannot alter "products" in place: a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 0,
    "size" TEXT NOT NULL DEFAULT 'small',
    "note" TEXT,
    "active" INTEGER NOT NULL DEFAULT 1,
    "added" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT "products_weight_range" CHECK ("weight" >= 0),
    CONSTRAINT "products_size_enum" CHECK ("size" IN ('small', 'large')),
    CONSTRAINT "products_note_length" CHECK (length("note") <= 100),
    CONSTRAINT "products_active_bool" CHECK ("active" IN (0, 1))
);

INSERT INTO "_otak_new_products" ("id", "name")
SELECT "id", "name" FROM "products";

DROP TABLE "products";

ALTER TABLE "_otak_new_products" RENAME TO "products";

-- postgres

ALTER TABLE "products" ADD COLUMN "weight" bigint NOT NULL DEFAULT 0;

ALTER TABLE "products" ADD COLUMN "size" text NOT NULL DEFAULT 'small';

ALTER TABLE "products" ADD COLUMN "note" text;

ALTER TABLE "products" ADD COLUMN "active" boolean NOT NULL DEFAULT TRUE;

ALTER TABLE "products" ADD COLUMN "added" timestamptz NOT NULL DEFAULT now();

ALTER TABLE "products" ADD CONSTRAINT "products_weight_range" CHECK ("weight" >= 0);

ALTER TABLE "products" ADD CONSTRAINT "products_size_enum" CHECK ("size" IN ('small', 'large'));

ALTER TABLE "products" ADD CONSTRAINT "products_note_length" CHECK (char_length("note") <= 100);
