SELECT CASE WHEN (SELECT count(*) FROM "notes") = 1 AND (SELECT count(*) FROM "otak_events") = 0 THEN 'ok' ELSE 'lost' END;
