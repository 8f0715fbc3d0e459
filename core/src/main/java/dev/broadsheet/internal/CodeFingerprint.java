package dev.broadsheet.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What identifies the compiled classes that decide what a file reads as, so that a snapshot or
 * a kept index made by one build of the library is never trusted by another: a fixed parser
 * would otherwise keep serving what the old one read. For a jar, its path, size and modification time (a jar's
 * name carries its version; a rebuilt one has another time); for a folder of classes, the same
 * of every class file under {@code dev/broadsheet/}. Nothing is read, so this costs a few file
 * attribute reads. Computed once per location.
 */
public final class CodeFingerprint {
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
  private static final String PREFIX = "dev/broadsheet/";

  private CodeFingerprint() {}

  /**
   * What identifies the code {@code classes} come from, as text; a value unique to this process
   * when a location cannot be read, so that nothing is shared across builds that cannot be told
   * apart.
   */
  public static String of(Class<?>... classes) {
    StringBuilder all = new StringBuilder();
    for (Class<?> c : classes) {
      all.append(location(c)).append('\n');
    }
    return all.toString();
  }

  private static String location(Class<?> c) {
    URL url = codeLocation(c);
    if (url == null || !"file".equals(url.getProtocol())) {
      return unknown(c);
    }
    String key = url.toString();
    return CACHE.computeIfAbsent(key, k -> {
      try {
        Path p = Path.of(url.toURI());
        return Files.isDirectory(p) ? folder(p) : jar(p);
      } catch (IOException | URISyntaxException | RuntimeException e) {
        return unknown(c);
      }
    });
  }

  private static @Nullable URL codeLocation(Class<?> c) {
    try {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      return source == null ? null : source.getLocation();
    } catch (SecurityException e) {
      return null;
    }
  }

  private static String unknown(Class<?> c) {
    return "unknown " + c.getName() + " " + ProcessHandle.current().pid() + " " + System.nanoTime();
  }

  private static String jar(Path p) throws IOException {
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    return p + " " + a.size() + " " + a.lastModifiedTime().toInstant();
  }

  private static String folder(Path p) throws IOException {
    MessageDigest d = sha256();
    Path base = p.resolve(PREFIX);
    if (!Files.isDirectory(base)) {
      return p.toString();
    }
    List<String> lines = new ArrayList<>();
    Files.walkFileTree(base, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
        if (f.toString().endsWith(".class")) {
          lines.add(p.relativize(f) + " " + a.size() + " " + a.lastModifiedTime().toInstant());
        }
        return FileVisitResult.CONTINUE;
      }
    });
    lines.sort(null);
    for (String line : lines) {
      d.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return p + " " + hex(d.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
