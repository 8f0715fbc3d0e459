package dev.broadsheet.markdown;

/**
 * A place in a file: 1-based {@code line} and {@code column} as an editor shows them (columns
 * count code points; lines count the file's own line breaks, a BOM and CRLF included), and the
 * 0-based {@code offset} of the character in the file's text after any BOM.
 *
 * @since 0.1.0
 */
public record Position(int line, int column, int offset) {

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
