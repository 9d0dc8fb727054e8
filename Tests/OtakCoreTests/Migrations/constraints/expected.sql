-- 0002_add_products_name_price_idx_and_update_product_constraints

-- sqlite

-- SQLite cannot alter "products" in place: a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    CONSTRAINT "products_sku_key" UNIQUE ("sku"),
    CONSTRAINT "products_check_1" CHECK ("price" > 0)
);

INSERT INTO "_otak_new_products" ("id", "name", "sku", "price")
SELECT "id", "name", "sku", "price" FROM "products";

DROP TABLE "products";

ALTER TABLE "_otak_new_products" RENAME TO "products";

CREATE INDEX "products_name_price_idx" ON "products" ("name", "price");

-- postgres

ALTER TABLE "products" DROP CONSTRAINT "products_check_1";

ALTER TABLE "products" DROP CONSTRAINT "products_name_key";

DROP INDEX "products_price_idx";

ALTER TABLE "products" ADD CONSTRAINT "products_sku_key" UNIQUE ("sku");

ALTER TABLE "products" ADD CONSTRAINT "products_check_1" CHECK ("price" > 0);

CREATE INDEX "products_name_price_idx" ON "products" ("name", "price");
