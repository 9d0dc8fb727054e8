-- 0002_fold_member_email_case

-- sqlite

-- "email" signs in and is compared in lower case from now on. If this index cannot be made,
-- two rows differ only in case or spaces: merge or change one, then start the server again.
CREATE UNIQUE INDEX "members_email_must_be_unique_ignoring_case" ON "members" (lower(trim("email")));

DROP INDEX "members_email_must_be_unique_ignoring_case";

UPDATE "members" SET "email" = lower(trim("email")) WHERE "email" <> lower(trim("email"));

-- postgres

-- "email" signs in and is compared in lower case from now on. If this index cannot be made,
-- two rows differ only in case or spaces: merge or change one, then start the server again.
CREATE UNIQUE INDEX "members_email_must_be_unique_ignoring_case" ON "members" (lower(trim("email")));

DROP INDEX "members_email_must_be_unique_ignoring_case";

UPDATE "members" SET "email" = lower(trim("email")) WHERE "email" <> lower(trim("email"));
