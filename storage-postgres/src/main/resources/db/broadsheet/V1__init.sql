-- Broadsheet's tables in PostgreSQL 14 or later, version 1.
--
-- PostgresArticleStore runs this file itself (Migrations.APPLY, the default). A host that runs
-- Flyway or Liquibase can run it instead: ${schema} and ${prefix} are placeholders in the
-- syntax both substitute, to be set to the schema and table prefix given to the store's
-- builder (by default public and broadsheet_).

CREATE SCHEMA IF NOT EXISTS "${schema}";

-- Which of these files have run.
CREATE TABLE "${schema}"."${prefix}schema_version" (
  version     integer     PRIMARY KEY,
  description text        NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

-- One row: the last change number given out, and how far the change log was pruned.
CREATE TABLE "${schema}"."${prefix}changes_head" (
  only_row       boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_seq       bigint  NOT NULL,
  pruned_through bigint  NOT NULL
);
INSERT INTO "${schema}"."${prefix}changes_head" (last_seq, pruned_through) VALUES (0, 0);

-- One row per article. The file is the truth; every other column is derived from it.
CREATE TABLE "${schema}"."${prefix}articles" (
  key           text        PRIMARY KEY,
  id            text        NOT NULL UNIQUE,
  revision      text,
  seq           bigint      NOT NULL,
  content       bytea       NOT NULL,
  article       jsonb,
  published_at  timestamptz,
  expires_at    timestamptz,
  lang          text,
  source_key    text,
  category      text,
  tags          text[]      NOT NULL DEFAULT '{}',
  sticky_weight integer     NOT NULL DEFAULT 0,
  sentiment     text,
  draft         boolean     NOT NULL DEFAULT false,
  precise       jsonb
);
COMMENT ON COLUMN "${schema}"."${prefix}articles".key IS
  'The id lower-cased after Unicode NFC normalization (ArticleIds.key): ids are unique ignoring case and normalization';
COMMENT ON COLUMN "${schema}"."${prefix}articles".revision IS
  'Revision.ofContent(content); NULL while the file is no valid article, and until Broadsheet has read a file written by other SQL';
COMMENT ON COLUMN "${schema}"."${prefix}articles".seq IS
  'The number of the change that last touched the row, set by a trigger';
COMMENT ON COLUMN "${schema}"."${prefix}articles".content IS
  'The article''s Markdown file, byte for byte';
COMMENT ON COLUMN "${schema}"."${prefix}articles".article IS
  'The whole article as broadsheet-json writes it, for the host''s own SQL';
COMMENT ON COLUMN "${schema}"."${prefix}articles".precise IS
  'Values of indexed fields that a column holds only rounded (instants finer than a microsecond), by field path';

CREATE INDEX "${prefix}articles_published_at_idx" ON "${schema}"."${prefix}articles" (published_at);
CREATE INDEX "${prefix}articles_expires_at_idx" ON "${schema}"."${prefix}articles" (expires_at);
CREATE INDEX "${prefix}articles_sticky_idx" ON "${schema}"."${prefix}articles" (sticky_weight DESC, published_at DESC);
CREATE INDEX "${prefix}articles_category_idx" ON "${schema}"."${prefix}articles" (lower(category));
CREATE INDEX "${prefix}articles_lang_idx" ON "${schema}"."${prefix}articles" (lower(lang));
CREATE INDEX "${prefix}articles_source_key_idx" ON "${schema}"."${prefix}articles" (lower(source_key));
CREATE INDEX "${prefix}articles_sentiment_idx" ON "${schema}"."${prefix}articles" (sentiment);
CREATE INDEX "${prefix}articles_tags_idx" ON "${schema}"."${prefix}articles" USING gin (tags);

-- Every change of an article row, numbered in the order the changes committed: a change feed
-- resumes after the last number it saw. Rows older than the store's retention are pruned.
CREATE TABLE "${schema}"."${prefix}changes" (
  seq        bigint      PRIMARY KEY,
  id         text,
  kind       text        NOT NULL CHECK (kind IN ('created', 'updated', 'deleted', 'reset')),
  revision   text,
  changed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN "${schema}"."${prefix}changes".id IS 'The article''s id; NULL for a reset (TRUNCATE)';
COMMENT ON COLUMN "${schema}"."${prefix}changes".revision IS
  'The revision the row got; NULL for a delete, a reset, or a file written by other SQL';

-- Before a statement touches any article row it queues for the head row, which it then holds
-- until it commits: change numbers are given out in the order changes commit, so a reader that
-- has seen number n has seen every change before it. Taking the head before any article row
-- also keeps writers of several rows from deadlocking on it.
CREATE FUNCTION "${schema}"."${prefix}articles_lock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "${schema}"."${prefix}changes_head" FOR UPDATE;
  RETURN NULL;
END
$$;

-- Numbers each new row version. An UPDATE that does not set a new revision (other SQL editing
-- the file or a column) leaves the row unverified, for Broadsheet to read and fill in again.
CREATE FUNCTION "${schema}"."${prefix}articles_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "${schema}"."${prefix}changes_head" SET last_seq = last_seq + 1 RETURNING last_seq INTO NEW.seq;
  IF TG_OP = 'UPDATE' AND NEW.revision IS NOT DISTINCT FROM OLD.revision THEN
    NEW.revision := NULL;
  END IF;
  RETURN NEW;
END
$$;

-- Logs each row change in the same transaction; a row whose id changed was deleted under its
-- old id.
CREATE FUNCTION "${schema}"."${prefix}articles_log"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision) VALUES (NEW.seq, NEW.id, 'created', NEW.revision);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision) VALUES (NEW.seq, NEW.id, 'updated', NEW.revision);
    RETURN NULL;
  END IF;
  UPDATE "${schema}"."${prefix}changes_head" SET last_seq = last_seq + 1 RETURNING last_seq INTO s;
  INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision) VALUES (s, OLD.id, 'deleted', NULL);
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision) VALUES (NEW.seq, NEW.id, 'created', NEW.revision);
  END IF;
  RETURN NULL;
END
$$;

-- A TRUNCATE fires no row trigger: it is logged as a reset, after which readers load again.
CREATE FUNCTION "${schema}"."${prefix}articles_reset"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s bigint;
BEGIN
  UPDATE "${schema}"."${prefix}changes_head" SET last_seq = last_seq + 1 RETURNING last_seq INTO s;
  INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision) VALUES (s, NULL, 'reset', NULL);
  RETURN NULL;
END
$$;

-- Wakes the instances that follow the log, once per statement; the notification is sent when
-- the transaction commits. The channel is named after the table, so that several schemas or
-- prefixes in one database do not wake each other.
CREATE FUNCTION "${schema}"."${prefix}articles_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('broadsheet_' || left(md5(TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME), 16), '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "${prefix}articles_lock" BEFORE INSERT OR UPDATE OR DELETE ON "${schema}"."${prefix}articles"
  FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."${prefix}articles_lock"();
CREATE TRIGGER "${prefix}articles_stamp" BEFORE INSERT OR UPDATE ON "${schema}"."${prefix}articles"
  FOR EACH ROW EXECUTE FUNCTION "${schema}"."${prefix}articles_stamp"();
CREATE TRIGGER "${prefix}articles_log" AFTER INSERT OR UPDATE OR DELETE ON "${schema}"."${prefix}articles"
  FOR EACH ROW EXECUTE FUNCTION "${schema}"."${prefix}articles_log"();
CREATE TRIGGER "${prefix}articles_reset" AFTER TRUNCATE ON "${schema}"."${prefix}articles"
  FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."${prefix}articles_reset"();
CREATE TRIGGER "${prefix}articles_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${schema}"."${prefix}articles"
  FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."${prefix}articles_notify"();

INSERT INTO "${schema}"."${prefix}schema_version" (version, description) VALUES (1, 'init');
