-- 0002_change_product_status
-- destructive: removing 'retired' from the cases of 'status' fails if a row holds one

-- sqlite

-- SQLite cannot alter "products" in place: a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'draft',
    CONSTRAINT "products_status_enum" CHECK ("status" IN ('draft', 'live', 'archived'))
);

INSERT INTO "_otak_new_products" ("id", "status")
SELECT "id", "status" FROM "products";

DROP TABLE "products";

ALTER TABLE "_otak_new_products" RENAME TO "products";

-- postgres

ALTER TABLE "products" DROP CONSTRAINT "products_status_enum";

ALTER TABLE "products" ADD CONSTRAINT "products_status_enum" CHECK ("status" IN ('draft', 'live', 'archived'));
