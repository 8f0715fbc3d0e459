package dev.broadsheet.fs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A digest of the compiled classes that decide what a file reads as, so that a snapshot made
 * by one build of the library is never trusted by another: a fixed parser would otherwise keep
 * serving what the old one read. For a jar, the names, sizes and CRCs of its {@code
 * dev/broadsheet/} classes (from the jar's directory, nothing is inflated); for a folder of
 * classes, their bytes. Computed once per location.
 */
public final class CodeFingerprint {
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
  private static final String PREFIX = "dev/broadsheet/";

  private CodeFingerprint() {}

  /**
   * The digest of the code {@code classes} come from, as hexadecimal text; a value unique to
   * this process when a location cannot be read, so that nothing is shared across builds that
   * cannot be told apart.
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
    MessageDigest d = sha256();
    try (JarFile jar = new JarFile(p.toFile(), false)) {
      List<String> lines = new ArrayList<>();
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (e.getName().startsWith(PREFIX) && e.getName().endsWith(".class")) {
          lines.add(e.getName() + " " + e.getSize() + " " + e.getCrc());
        }
      }
      lines.sort(null);
      for (String line : lines) {
        d.update(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return hex(d.digest());
  }

  private static String folder(Path p) throws IOException {
    MessageDigest d = sha256();
    Path base = p.resolve(PREFIX);
    if (!Files.isDirectory(base)) {
      return hex(d.digest());
    }
    List<Path> classes;
    try (Stream<Path> s = Files.walk(base)) {
      classes = s.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
    for (Path f : classes) {
      d.update(p.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
      try (InputStream in = Files.newInputStream(f)) {
        d.update(in.readAllBytes());
      }
    }
    return hex(d.digest());
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
