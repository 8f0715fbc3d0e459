-- Broadsheet's tables in PostgreSQL 14 or later, version 4: the translationKey field, which
-- groups the language versions of one story, in a column of its own so that the articles of a
-- group are found by an index. Placeholders as in V1__init.sql.

ALTER TABLE "${schema}"."${prefix}articles"
  ADD COLUMN translation_key       text,
  ADD COLUMN translation_key_lower text;
COMMENT ON COLUMN "${schema}"."${prefix}articles".translation_key IS
  'The translationKey frontmatter field: the language versions of one story share it';

-- Before this version, translationKey was a key the model did not know, kept in the article's
-- extra values. Such rows lose their revision, so that each store reads them from their files
-- and fills the column in, as it does for rows other SQL wrote.
UPDATE "${schema}"."${prefix}articles" SET revision = NULL
WHERE revision IS NOT NULL AND article -> 'extra' -> 'translationKey' IS NOT NULL;

CREATE INDEX "${prefix}articles_translation_key_idx" ON "${schema}"."${prefix}articles" (translation_key)
  WHERE translation_key IS NOT NULL;

INSERT INTO "${schema}"."${prefix}schema_version" (version, description) VALUES (4, 'translation key');
