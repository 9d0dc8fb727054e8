-- 0002_change_product_price_and_3_more
-- destructive: changing 'rating' from double to integer fails or loses data for some values

-- sqlite

-- SQLite cannot alter "products" in place: a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "price" NUMERIC NOT NULL,
    "rating" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL
);

INSERT INTO "_otak_new_products" ("id", "price", "rating", "code", "label")
SELECT "id", CAST("price" AS NUMERIC), CAST(round("rating") AS INTEGER), CAST("code" AS TEXT), CAST("label" AS TEXT) FROM "products";

DROP TABLE "products";

ALTER TABLE "_otak_new_products" RENAME TO "products";

-- postgres

ALTER TABLE "products" ALTER COLUMN "price" TYPE numeric USING "price"::numeric;

ALTER TABLE "products" ALTER COLUMN "rating" TYPE bigint USING round("rating")::bigint;

ALTER TABLE "products" ALTER COLUMN "code" TYPE text USING "code"::text;

ALTER TABLE "products" ALTER COLUMN "label" TYPE text USING "label"::text;
