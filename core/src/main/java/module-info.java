/**
 * The article model, {@link dev.broadsheet.ArticleRepository} with its queries, and the storage
 * SPI that backends implement.
 *
 * <p>{@code dev.broadsheet.internal} is exported only to the Broadsheet modules that share its
 * code; it is not API and carries no compatibility guarantees.
 */
// "module": the qualified export names modules that are built after this one, which javac
// cannot see yet and would otherwise warn about.
@SuppressWarnings("module")
module dev.broadsheet.core {
  // Annotations only: optional at run time; transitive, since they appear in the API.
  requires static transitive org.jspecify;
  requires roaringbitmap;

  exports dev.broadsheet;
  exports dev.broadsheet.spi;
  exports dev.broadsheet.memory;

  // The text rules and escaping the readers, the store and the server share.
  exports dev.broadsheet.internal to
      dev.broadsheet.markdown,
      dev.broadsheet.json,
      dev.broadsheet.fs,
      dev.broadsheet.server;
}
