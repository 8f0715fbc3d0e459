-- Broadsheet's tables in PostgreSQL 14 or later, version 3: what a change feed needs of the
-- change log (PostgresArticleStore.changeLog()). Placeholders as in V1__init.sql.
--
-- Each change records the timing the article had before and after it (draft, published_at,
-- expires_at, with the nanoseconds past the microsecond as in version 2), so that a feed can
-- tell a public change from one the public never saw, and when an article went live or
-- expired, long after the change. The trigger fills them in from the OLD and NEW rows, so that
-- changes made by other SQL carry them too. draft_before is NULL when the article did not
-- exist before the change; draft_after is NULL for a deletion.

ALTER TABLE "${schema}"."${prefix}changes"
  ADD COLUMN draft_before           boolean,
  ADD COLUMN published_at_before    timestamptz,
  ADD COLUMN published_at_ns_before smallint,
  ADD COLUMN expires_at_before      timestamptz,
  ADD COLUMN expires_at_ns_before   smallint,
  ADD COLUMN draft_after            boolean,
  ADD COLUMN published_at_after     timestamptz,
  ADD COLUMN published_at_ns_after  smallint,
  ADD COLUMN expires_at_after       timestamptz,
  ADD COLUMN expires_at_ns_after    smallint;
COMMENT ON COLUMN "${schema}"."${prefix}changes".draft_before IS
  'The article''s draft flag before the change as Broadsheet last verified it; NULL when it did not exist (or the change predates schema version 3)';
COMMENT ON COLUMN "${schema}"."${prefix}changes".draft_after IS
  'The draft flag the row got; NULL for a delete or a reset';

-- The log's identity, made once: a position in this log means nothing in another database's.
-- timed_from is the first change that carries its timing: the feed starts there.
ALTER TABLE "${schema}"."${prefix}changes_head"
  ADD COLUMN log_id     uuid   NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN timed_from bigint NOT NULL DEFAULT 1;
UPDATE "${schema}"."${prefix}changes_head" SET timed_from = last_seq + 1;
COMMENT ON COLUMN "${schema}"."${prefix}changes_head".log_id IS
  'Tells this change log from any other: sync tokens of another database are refused';
COMMENT ON COLUMN "${schema}"."${prefix}changes_head".timed_from IS
  'The first change logged with its timing (schema version 3); the change feed starts there';

-- The last TRUNCATE, which the change feed cannot describe article by article: tokens before it
-- are expired.
CREATE INDEX "${prefix}changes_reset_idx" ON "${schema}"."${prefix}changes" (seq) WHERE kind = 'reset';

-- Logs each row change in the same transaction with the timing before and after it; a row whose
-- id changed was deleted under its old id. The timing before is the row's as Broadsheet last
-- verified it: a row other SQL wrote (no revision) holds columns nobody checked against its
-- file, so the timing before its change is carried over from the change that wrote it. The
-- time of the change is the database's, or the one the writing session set in
-- broadsheet.changed_at (a store with a clock of its own).
CREATE OR REPLACE FUNCTION "${schema}"."${prefix}articles_log"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s   bigint;
  at  timestamptz := coalesce(nullif(current_setting('broadsheet.changed_at', true), '')::timestamptz, now());
  bd  boolean;
  bp  timestamptz;
  bpn smallint;
  be  timestamptz;
  ben smallint;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.revision IS NOT NULL THEN
      bd := OLD.draft; bp := OLD.published_at; bpn := OLD.published_at_ns;
      be := OLD.expires_at; ben := OLD.expires_at_ns;
    ELSE
      SELECT c.draft_before, c.published_at_before, c.published_at_ns_before, c.expires_at_before, c.expires_at_ns_before
        INTO bd, bp, bpn, be, ben
        FROM "${schema}"."${prefix}changes" c WHERE c.seq = OLD.seq;
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision, changed_at,
        draft_after, published_at_after, published_at_ns_after, expires_at_after, expires_at_ns_after)
      VALUES (NEW.seq, NEW.id, 'created', NEW.revision, at,
        NEW.draft, NEW.published_at, NEW.published_at_ns, NEW.expires_at, NEW.expires_at_ns);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision, changed_at,
        draft_before, published_at_before, published_at_ns_before, expires_at_before, expires_at_ns_before,
        draft_after, published_at_after, published_at_ns_after, expires_at_after, expires_at_ns_after)
      VALUES (NEW.seq, NEW.id, 'updated', NEW.revision, at, bd, bp, bpn, be, ben,
        NEW.draft, NEW.published_at, NEW.published_at_ns, NEW.expires_at, NEW.expires_at_ns);
    RETURN NULL;
  END IF;
  UPDATE "${schema}"."${prefix}changes_head" SET last_seq = last_seq + 1 RETURNING last_seq INTO s;
  INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision, changed_at,
      draft_before, published_at_before, published_at_ns_before, expires_at_before, expires_at_ns_before)
    VALUES (s, OLD.id, 'deleted', NULL, at, bd, bp, bpn, be, ben);
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO "${schema}"."${prefix}changes" (seq, id, kind, revision, changed_at,
        draft_after, published_at_after, published_at_ns_after, expires_at_after, expires_at_ns_after)
      VALUES (NEW.seq, NEW.id, 'created', NEW.revision, at,
        NEW.draft, NEW.published_at, NEW.published_at_ns, NEW.expires_at, NEW.expires_at_ns);
  END IF;
  RETURN NULL;
END
$$;

INSERT INTO "${schema}"."${prefix}schema_version" (version, description) VALUES (3, 'change timing');
