package dev.broadsheet;

/**
 * Thrown for a sync token that is not one of this store's: malformed, altered, of another
 * version, or from another store (another folder, another database, a log that was lost). The
 * client should sync from scratch, with no token.
 *
 * @since 0.1.0
 */
public class InvalidSyncTokenException extends BroadsheetException {
  private static final long serialVersionUID = 1L;

  public InvalidSyncTokenException(String message) {
    super(message);
  }
}
