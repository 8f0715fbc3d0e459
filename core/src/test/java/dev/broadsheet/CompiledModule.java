package dev.broadsheet;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The module descriptor a module's build compiled, read from where its classes were loaded.
 * Tests run on the class path, where every class is in the unnamed module, so this is how they
 * see what the module exports and requires.
 */
public final class CompiledModule {
  private CompiledModule() {}

  /** The descriptor of the module {@code member} was compiled into. */
  public static ModuleDescriptor of(Class<?> member) {
    if (member.getModule().isNamed()) {
      return member.getModule().getDescriptor();
    }
    Path location;
    try {
      location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where " + member.getName() + " was loaded from", e);
    }
    Set<ModuleReference> found = ModuleFinder.of(location).findAll();
    if (found.size() != 1) {
      throw new IllegalStateException("no single module at " + location + ": " + found);
    }
    ModuleReference module = found.iterator().next();
    if (module.descriptor().isAutomatic()) {
      throw new IllegalStateException(location + " has no module-info.class");
    }
    return module.descriptor();
  }

  /** Each exported package with the modules it is exported to; an empty set for everyone. */
  public static Map<String, Set<String>> exports(ModuleDescriptor module) {
    Map<String, Set<String>> exports = new TreeMap<>();
    for (Exports e : module.exports()) {
      exports.put(e.source(), new TreeSet<>(e.targets()));
    }
    return exports;
  }

  /** Each module required, apart from java.base, with the modifiers of its requires. */
  public static Map<String, Set<Requires.Modifier>> requires(ModuleDescriptor module) {
    Map<String, Set<Requires.Modifier>> requires = new TreeMap<>();
    for (Requires r : module.requires()) {
      if (!r.modifiers().contains(Requires.Modifier.MANDATED)) {
        requires.put(r.name(), r.modifiers());
      }
    }
    return requires;
  }

  /** The packages of the module that are not exported to everyone. */
  public static Set<String> hidden(ModuleDescriptor module) {
    Set<String> hidden = new TreeSet<>(module.packages());
    for (Exports e : module.exports()) {
      if (!e.isQualified()) {
        hidden.remove(e.source());
      }
    }
    return hidden;
  }
}
