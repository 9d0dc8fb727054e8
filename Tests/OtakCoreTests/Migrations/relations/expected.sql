-- 0002_create_maker_tags_and_3_more
-- destructive: removing a many-to-many relation drops join table "product_tags" and its links

-- sqlite

DROP TABLE "product_tags";

-- SQLite cannot alter "products" in place: a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_products" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "maker_id" TEXT,
    CONSTRAINT "products_maker_id_fkey" FOREIGN KEY ("maker_id") REFERENCES "makers" ("id") ON DELETE SET NULL
);

INSERT INTO "_otak_new_products" ("id", "name")
SELECT "id", "name" FROM "products";

DROP TABLE "products";

ALTER TABLE "_otak_new_products" RENAME TO "products";

CREATE INDEX "products_maker_id_idx" ON "products" ("maker_id");

CREATE TABLE "maker_tags" (
    "tag_id" TEXT NOT NULL REFERENCES "tags" ("id") ON DELETE CASCADE,
    "maker_id" TEXT NOT NULL REFERENCES "makers" ("id") ON DELETE CASCADE,
    PRIMARY KEY ("tag_id", "maker_id")
);

CREATE INDEX "maker_tags_maker_id_idx" ON "maker_tags" ("maker_id");

-- postgres

DROP TABLE "product_tags";

CREATE TABLE "maker_tags" (
    "tag_id" uuid NOT NULL REFERENCES "tags" ("id") ON DELETE CASCADE,
    "maker_id" uuid NOT NULL REFERENCES "makers" ("id") ON DELETE CASCADE,
    PRIMARY KEY ("tag_id", "maker_id")
);

CREATE INDEX "maker_tags_maker_id_idx" ON "maker_tags" ("maker_id");

ALTER TABLE "products" ADD COLUMN "maker_id" uuid;

CREATE INDEX "products_maker_id_idx" ON "products" ("maker_id");

ALTER TABLE "products" ADD CONSTRAINT "products_maker_id_fkey" FOREIGN KEY ("maker_id") REFERENCES "makers" ("id") ON DELETE SET NULL;
