package dev.broadsheet;

/**
 * The root of every exception Broadsheet throws on purpose. Catch this to handle any failure
 * of the library that is not a programming error ({@link IllegalArgumentException} and
 * {@link IllegalStateException} are used for those).
 *
 * @since 0.1.0
 */
public class BroadsheetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BroadsheetException(String message) {
    super(message);
  }

  public BroadsheetException(String message, Throwable cause) {
    super(message, cause);
  }
}
