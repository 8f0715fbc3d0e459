package dev.broadsheet;

/**
 * Thrown for a sync token older than the changes the store still keeps: changes since it may
 * have been dropped. The client should sync from scratch, with no token.
 *
 * @since 0.1.0
 */
public class SyncTokenExpiredException extends InvalidSyncTokenException {
  private static final long serialVersionUID = 1L;

  public SyncTokenExpiredException(String message) {
    super(message);
  }
}
