-- 0002_remove_product_weight_and_2_more
-- destructive: removing field 'weight' drops column "products"."weight" and its data
-- destructive: removing field 'note' drops column "products"."note" and its data
-- destructive: removing field 'active' drops column "products"."active" and its data

-- sqlite

-- SQLite cannot alter "products" in place: a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "size" TEXT NOT NULL DEFAULT 'small',
    "added" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT "products_size_enum" CHECK ("size" IN ('small', 'large'))
);

INSERT INTO "_otak_new_products" ("id", "name", "size", "added")
SELECT "id", "name", "size", "added" FROM "products";

DROP TABLE "products";

ALTER TABLE "_otak_new_products" RENAME TO "products";

-- postgres

ALTER TABLE "products" DROP CONSTRAINT "products_weight_range";

ALTER TABLE "products" DROP CONSTRAINT "products_note_length";

ALTER TABLE "products" DROP COLUMN "weight";

ALTER TABLE "products" DROP COLUMN "note";

ALTER TABLE "products" DROP COLUMN "active";
