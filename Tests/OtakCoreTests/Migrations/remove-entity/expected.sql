-- 0002_drop_reviews
-- destructive: removing entity 'Review' drops table "reviews" and its rows

-- sqlite

DROP TABLE "reviews";

-- postgres

DROP TABLE "reviews";
