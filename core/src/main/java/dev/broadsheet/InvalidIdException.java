package dev.broadsheet;

import dev.broadsheet.internal.Printable;

/**
 * Thrown when an id is refused: it could reach outside the content root, or breaks another
 * rule of {@link ArticleIds}.
 *
 * @since 0.1.0
 */
public class InvalidIdException extends BroadsheetException {
  private static final long serialVersionUID = 1L;

  private final String id;

  public InvalidIdException(String id, String reason) {
    super("invalid article id '" + Printable.of(id, 200) + "': " + reason);
    this.id = id;
  }

  public String id() {
    return id;
  }
}
