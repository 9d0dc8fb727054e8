-- 0002_change_product_flag_and_change_product_code
-- error: a column of bool values cannot be converted to date
-- error: a column of uuid values cannot be converted to integer

-- sqlite

-- SQLite cannot alter "products" in place: a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "flag" TEXT NOT NULL,
    "code" INTEGER NOT NULL
);

INSERT INTO "_otak_new_products" ("id", "flag", "code")
SELECT "id", CAST("flag" AS TEXT), CAST("code" AS INTEGER) FROM "products";

DROP TABLE "products";

ALTER TABLE "_otak_new_products" RENAME TO "products";

-- postgres

ALTER TABLE "products" ALTER COLUMN "flag" TYPE date USING "flag"::date;

ALTER TABLE "products" ALTER COLUMN "code" TYPE bigint USING "code"::bigint;
