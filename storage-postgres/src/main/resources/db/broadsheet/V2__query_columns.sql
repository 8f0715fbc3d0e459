-- Broadsheet's tables in PostgreSQL 14 or later, version 2: what answering queries in SQL
-- needs to give exactly the answers of the in-memory index (PostgresArticleStore's
-- queryPushdown). Placeholders as in V1__init.sql.
--
-- Category, language, source and tags match ignoring case as Java's toLowerCase(Locale.ROOT)
-- does, whatever the database's locale: the store writes each value lower-cased by those rules
-- into a *_lower column (tags_lower holds the tags' keys in the order of tags). timestamptz
-- keeps microseconds; *_ns holds the nanoseconds past them (0 to 999), so that order, date
-- filters, visibility and cursors are exact for instants finer than a microsecond.

ALTER TABLE "${schema}"."${prefix}articles"
  ADD COLUMN category_lower   text,
  ADD COLUMN lang_lower       text,
  ADD COLUMN source_key_lower text,
  ADD COLUMN tags_lower       text[]   NOT NULL DEFAULT '{}',
  ADD COLUMN published_at_ns  smallint NOT NULL DEFAULT 0,
  ADD COLUMN expires_at_ns    smallint NOT NULL DEFAULT 0;
COMMENT ON COLUMN "${schema}"."${prefix}articles".tags_lower IS
  'The tags lower-cased by Java''s toLowerCase(Locale.ROOT), in the order of tags';
COMMENT ON COLUMN "${schema}"."${prefix}articles".published_at_ns IS
  'The nanoseconds of publishedAt past the microsecond published_at holds, 0 to 999';
COMMENT ON COLUMN "${schema}"."${prefix}articles".expires_at_ns IS
  'The nanoseconds of expiresAt past the microsecond expires_at holds, 0 to 999';

-- The rows already stored are filled in from their columns. The articles do not change, so the
-- triggers are off meanwhile: nothing is logged, and no row loses its revision. Only ASCII is
-- lower-cased here, by the same rule Java applies to it in any locale.
ALTER TABLE "${schema}"."${prefix}articles" DISABLE TRIGGER USER;
UPDATE "${schema}"."${prefix}articles" SET
  category_lower = translate(category, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
  lang_lower = translate(lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
  source_key_lower = translate(source_key, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
  tags_lower = ARRAY(SELECT translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
                     FROM unnest(tags) WITH ORDINALITY AS u(t, n) ORDER BY n),
  published_at_ns = coalesce(substring(precise ->> 'publishedAt' FROM '\.[0-9]{6}([0-9]{3})Z$')::smallint, 0),
  expires_at_ns = coalesce(substring(precise ->> 'expiresAt' FROM '\.[0-9]{6}([0-9]{3})Z$')::smallint, 0);
ALTER TABLE "${schema}"."${prefix}articles" ENABLE TRIGGER USER;

-- Java lower-cases the rest by Unicode's rules, which SQL cannot repeat in every locale: such
-- rows lose their revision, so that each store reads them from their files and fills them in,
-- as it does for rows other SQL wrote. This is logged, and instances that follow the log read
-- them again.
UPDATE "${schema}"."${prefix}articles" SET revision = NULL
WHERE revision IS NOT NULL
  AND octet_length(concat(category, lang, source_key, array_to_string(tags, '')))
      <> char_length(concat(category, lang, source_key, array_to_string(tags, '')));

-- What the filters and the orders of queries read. The orders end with the id in code point
-- order (COLLATE "C"), as Java compares the ids of the index.
CREATE INDEX "${prefix}articles_category_lower_idx" ON "${schema}"."${prefix}articles" (category_lower);
CREATE INDEX "${prefix}articles_lang_lower_idx" ON "${schema}"."${prefix}articles" (lang_lower);
CREATE INDEX "${prefix}articles_source_key_lower_idx" ON "${schema}"."${prefix}articles" (source_key_lower);
CREATE INDEX "${prefix}articles_tags_lower_idx" ON "${schema}"."${prefix}articles" USING gin (tags_lower);
CREATE INDEX "${prefix}articles_newest_idx" ON "${schema}"."${prefix}articles"
  (published_at DESC NULLS LAST, published_at_ns DESC, id COLLATE "C");
CREATE INDEX "${prefix}articles_sticky_first_idx" ON "${schema}"."${prefix}articles"
  (sticky_weight DESC, published_at DESC NULLS LAST, published_at_ns DESC, id COLLATE "C");

INSERT INTO "${schema}"."${prefix}schema_version" (version, description) VALUES (2, 'query columns');
