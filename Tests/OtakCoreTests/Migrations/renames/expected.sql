-- 0002_rename_posts_to_articles_and_3_more

-- sqlite

-- "posts" becomes "articles": a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_articles" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "headline" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    CONSTRAINT "articles_headline_key" UNIQUE ("headline"),
    CONSTRAINT "articles_headline_length" CHECK (length("headline") BETWEEN 1 AND 200),
    CONSTRAINT "articles_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "writers" ("id") ON DELETE CASCADE
);

INSERT INTO "_otak_new_articles" ("id", "headline", "body", "author_id")
SELECT "id", "title", "body", "author_id" FROM "posts";

DROP TABLE "posts";

ALTER TABLE "_otak_new_articles" RENAME TO "articles";

CREATE INDEX "articles_headline_body_idx" ON "articles" ("headline", "body");

CREATE INDEX "articles_author_id_idx" ON "articles" ("author_id");

-- "post_tags" becomes "article_tags": a new table, the rows copied, the old table dropped.
CREATE TABLE "_otak_new_article_tags" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "tag_id" TEXT NOT NULL REFERENCES "tags" ("id") ON DELETE CASCADE,
    PRIMARY KEY ("article_id", "tag_id")
);

INSERT INTO "_otak_new_article_tags" ("article_id", "tag_id")
SELECT "post_id", "tag_id" FROM "post_tags";

DROP TABLE "post_tags";

ALTER TABLE "_otak_new_article_tags" RENAME TO "article_tags";

CREATE INDEX "article_tags_tag_id_idx" ON "article_tags" ("tag_id");

-- postgres

ALTER TABLE "posts" RENAME TO "articles";

ALTER TABLE "articles" RENAME CONSTRAINT "posts_pkey" TO "articles_pkey";

ALTER TABLE "articles" RENAME COLUMN "title" TO "headline";

ALTER TABLE "post_tags" RENAME TO "article_tags";

ALTER TABLE "article_tags" RENAME CONSTRAINT "post_tags_pkey" TO "article_tags_pkey";

ALTER TABLE "article_tags" RENAME COLUMN "post_id" TO "article_id";

ALTER TABLE "articles" DROP CONSTRAINT "posts_author_id_fkey";

ALTER TABLE "articles" DROP CONSTRAINT "posts_title_length";

ALTER TABLE "articles" DROP CONSTRAINT "posts_title_key";

DROP INDEX "posts_title_body_idx";

DROP INDEX "posts_author_id_idx";

DROP INDEX "post_tags_tag_id_idx";

ALTER TABLE "articles" ADD CONSTRAINT "articles_headline_key" UNIQUE ("headline");

ALTER TABLE "articles" ADD CONSTRAINT "articles_headline_length" CHECK (char_length("headline") BETWEEN 1 AND 200);

CREATE INDEX "articles_headline_body_idx" ON "articles" ("headline", "body");

CREATE INDEX "articles_author_id_idx" ON "articles" ("author_id");

CREATE INDEX "article_tags_tag_id_idx" ON "article_tags" ("tag_id");

ALTER TABLE "articles" ADD CONSTRAINT "articles_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "writers" ("id") ON DELETE CASCADE;
