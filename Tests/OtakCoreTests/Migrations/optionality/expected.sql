-- 0002_change_product_code_and_2_more
-- warning: the migration fails if a row has no 'code'

-- sqlite

-- SQLite cannot alter "products" in place: a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "sku" TEXT
);

INSERT INTO "_otak_new_products" ("id", "name", "code", "stock", "sku")
SELECT "id", "name", "code", COALESCE("stock", 0), "sku" FROM "products";

DROP TABLE "products";

ALTER TABLE "_otak_new_products" RENAME TO "products";

-- postgres

ALTER TABLE "products" ALTER COLUMN "code" SET NOT NULL;

ALTER TABLE "products" ALTER COLUMN "stock" SET DEFAULT 0;

UPDATE "products" SET "stock" = 0 WHERE "stock" IS NULL;

ALTER TABLE "products" ALTER COLUMN "stock" SET NOT NULL;

ALTER TABLE "products" ALTER COLUMN "sku" DROP NOT NULL;
