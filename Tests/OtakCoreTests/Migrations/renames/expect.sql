SELECT CASE WHEN (SELECT count(*) FROM "articles" WHERE "headline" = 'Hello' AND "author_id" = '00000000-0000-0000-0000-000000000001') = 1
    AND (SELECT count(*) FROM "article_tags" WHERE "article_id" = '00000000-0000-0000-0000-000000000002') = 1 THEN 'ok' ELSE 'lost' END;
