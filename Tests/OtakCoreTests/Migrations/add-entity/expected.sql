-- 0002_create_reviews

-- sqlite

CREATE TABLE "reviews" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "product_id" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "text" TEXT,
    CONSTRAINT "reviews_stars_range" CHECK ("stars" BETWEEN 1 AND 5),
    CONSTRAINT "reviews_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE
);

CREATE INDEX "reviews_product_id_idx" ON "reviews" ("product_id");

-- postgres

CREATE TABLE "reviews" (
    "id" uuid NOT NULL PRIMARY KEY,
    "product_id" uuid NOT NULL,
    "stars" bigint NOT NULL,
    "text" text,
    CONSTRAINT "reviews_stars_range" CHECK ("stars" BETWEEN 1 AND 5)
);

CREATE INDEX "reviews_product_id_idx" ON "reviews" ("product_id");

ALTER TABLE "reviews" ADD CONSTRAINT "reviews_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE;
