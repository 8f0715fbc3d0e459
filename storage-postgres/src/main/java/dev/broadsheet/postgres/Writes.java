package dev.broadsheet.postgres;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleConflictException;
import dev.broadsheet.ArticleIds;
import dev.broadsheet.BroadsheetException;
import dev.broadsheet.InvalidIdException;
import dev.broadsheet.Revision;
import dev.broadsheet.markdown.ArticleCodec;
import dev.broadsheet.markdown.DocumentResult;
import dev.broadsheet.postgres.Rows.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Saves and deletes. Each write reads the row, checks the expected revision against its file,
 * makes the new file, and writes it with a statement conditional on the row's change number:
 * {@code UPDATE ... WHERE key = ? AND seq = ?}, {@code INSERT ... ON CONFLICT DO NOTHING},
 * {@code DELETE ... WHERE key = ? AND seq = ?}. Every change of a row gives it a new number
 * (a trigger sets it), so a write succeeds only if nobody changed the row since it was read,
 * through Broadsheet or not; otherwise it reads again, and fails with {@link
 * ArticleConflictException} when the caller's revision is no longer the stored one. No lock is
 * held while the new file is made, and each write is one statement: atomic on its own.
 */
final class Writes {
  /** What a write stores: the article and its file, made from the current file (null: none). */
  interface Content {
    Made make(byte @Nullable [] current);
  }

  /** The article a write stores, with its file; null for a file that is no valid article. */
  record Made(@Nullable Article article, byte[] content) {}

  private final Rows rows;
  private final ArticleCodec codec;

  Writes(Rows rows, ArticleCodec codec) {
    this.rows = rows;
    this.codec = codec;
  }

  /** {@code article}'s file: the smallest edit of {@code current}, or a new canonical file. */
  Made edit(Article article, byte @Nullable [] current) {
    if (current != null) {
      DocumentResult doc = codec.parser().parse(article.id(), current);
      if (doc.document() != null) {
        return new Made(article, codec.update(doc.document(), article));
      }
    }
    return new Made(article, codec.write(article));
  }

  /** The revision written, and the article stored with it (null: the file is no valid article). */
  record Written(Revision revision, @Nullable Article article, int bytes) {}

  /**
   * Writes {@code id} if its file has the revision {@code expected} (any, when null).
   *
   * @throws ArticleConflictException when it does not
   * @throws InvalidIdException when another spelling of the id is stored
   */
  Written put(Connection c, String id, @Nullable Revision expected, Content content) throws SQLException {
    String key = ArticleIds.key(id);
    while (true) {
      Row row = rows.byKey(c, key);
      Revision current = current(id, row);
      if (expected != null && !expected.equals(current)) {
        throw new ArticleConflictException(id, expected, current);
      }
      Made made = content.make(row == null ? null : row.content());
      Revision revision = Revision.ofContent(made.content());
      Written written = new Written(revision, made.article(), made.content().length);
      if (row == null) {
        if (rows.insert(c, key, id, made.article(), revision, made.content())) {
          return written;
        }
        checkNotMisKeyed(c, id, key);
      } else if (Arrays.equals(row.content(), made.content())
          && Objects.equals(row.revision(), Rows.column(made.article(), revision))) {
        return written; // the file as it is: nothing to write
      } else if (rows.update(c, key, row.seq(), id, made.article(), revision, made.content())) {
        return written;
      }
      // Changed since it was read: look again.
    }
  }

  /**
   * Deletes {@code id} if its file has the revision {@code expected} (any, when null).
   *
   * @return whether there was a row to delete
   */
  boolean delete(Connection c, String id, @Nullable Revision expected) throws SQLException {
    String key = ArticleIds.key(id);
    while (true) {
      Row row = rows.byKey(c, key);
      Revision current = current(id, row);
      if (expected != null && !expected.equals(current)) {
        throw new ArticleConflictException(id, expected, current);
      }
      if (row == null) {
        return false;
      }
      if (rows.delete(c, key, row.seq())) {
        return true;
      }
    }
  }

  /** The revision of the row's file; NONE without a row. */
  private static Revision current(String id, @Nullable Row row) {
    if (row == null) {
      return Revision.NONE;
    }
    if (!row.id().equals(id)) {
      throw sameArticle(id, row.id());
    }
    return Revision.ofContent(row.content());
  }

  static InvalidIdException sameArticle(String id, String stored) {
    return new InvalidIdException(id, "it names the same article as '" + stored
        + "'; ids are unique ignoring case and Unicode normalization");
  }

  /**
   * After an insert found a conflict but no row holds the key: a row other SQL wrote holds the id
   * under another key, which no write through the store may guess at.
   */
  private void checkNotMisKeyed(Connection c, String id, String key) throws SQLException {
    if (rows.byKey(c, key) != null) {
      return; // inserted meanwhile by someone else: look again
    }
    for (Row r : rows.byIds(c, java.util.List.of(id))) {
      throw new BroadsheetException("the row of article '" + id + "' has the key '" + r.key() + "', not '" + key
          + "' (ArticleIds.key of its id); correct or delete the row");
    }
  }
}
