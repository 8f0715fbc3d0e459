package dev.broadsheet.markdown.lint;

import dev.broadsheet.CoverImage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A cover image rendition whose URL names a scheme other than {@code https}: a page served over
 * HTTPS shows such an image as mixed content, or not at all. Relative URLs are not reported.
 */
final class InsecureCoverImageRule implements Rule {
  private static final Pattern SCHEME = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]*):");

  @Override
  public String name() {
    return "insecure-cover-image";
  }

  @Override
  public void check(Subject subject, Findings out) {
    CoverImage c = subject.article().coverImage();
    if (c == null) {
      return;
    }
    check(subject, "raw", c.raw(), out);
    check(subject, "full", c.full(), out);
    check(subject, "regular", c.regular(), out);
    check(subject, "small", c.small(), out);
    check(subject, "thumb", c.thumb(), out);
    check(subject, "small_s3", c.smallS3(), out);
  }

  private static void check(Subject subject, String key, @Nullable String url, Findings out) {
    if (url == null) {
      return;
    }
    Matcher m = SCHEME.matcher(url);
    if (m.find() && !m.group(1).equalsIgnoreCase("https")) {
      String field = "coverImage." + key;
      out.warn(subject.position(field), field, field + " is served over " + m.group(1) + ", not https");
    }
  }
}
