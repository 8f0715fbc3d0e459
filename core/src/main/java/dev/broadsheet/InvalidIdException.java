package dev.broadsheet;

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
    super("invalid article id '" + printable(id) + "': " + reason);
    this.id = id;
  }

  public String id() {
    return id;
  }

  private static String printable(String id) {
    StringBuilder b = new StringBuilder();
    id.codePoints().limit(200).forEach(c -> {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04X", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }
}
