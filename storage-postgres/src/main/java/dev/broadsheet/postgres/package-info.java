/**
 * Articles kept in PostgreSQL: {@link dev.broadsheet.postgres.PostgresArticleStore}.
 *
 * <h2>Tables</h2>
 *
 * <p>In the configured schema, each name starting with the configured prefix ({@code
 * broadsheet_} by default):
 *
 * <ul>
 *   <li>{@code articles}: one row per article. {@code content} holds the Markdown file byte for
 *       byte and is the truth; {@code revision} is {@link dev.broadsheet.Revision#ofContent} of
 *       it, {@code article} the whole article as {@code jsonb}, and one column per indexed field
 *       ({@code published_at}, {@code expires_at}, {@code lang}, {@code source_key}, {@code
 *       category}, {@code tags text[]}, {@code sticky_weight}, {@code sentiment}, {@code draft})
 *       what the index reads; {@code key} is the id's {@link dev.broadsheet.ArticleIds#key}, the
 *       primary key; {@code seq} the number of the change that last touched the row.
 *   <li>{@code changes}: one row per change of an article row ({@code seq}, {@code id}, {@code
 *       kind}, {@code revision}, {@code changed_at}), written by triggers in the same
 *       transaction, whoever changed the row; numbered in commit order, so a reader resumes
 *       after the last number it saw. Pruned after the store's retention.
 *   <li>{@code changes_head}: one row, the last change number given out and how far the log was
 *       pruned.
 *   <li>{@code schema_version}: which migration files have run.
 * </ul>
 *
 * <p>Other SQL may insert, update and delete article rows: the triggers log and announce every
 * change. A row written that way needs {@code id}, {@code key} and {@code content}; whatever it
 * sets in the other columns is replaced by what the file says the next time a store reads the
 * row, which it does because the write left {@code revision} NULL (an UPDATE that does not set
 * a new revision clears it).
 */
@NullMarked
package dev.broadsheet.postgres;

import org.jspecify.annotations.NullMarked;
