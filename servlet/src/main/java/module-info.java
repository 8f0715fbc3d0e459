/**
 * The content API as a Jakarta Servlet 6 servlet: {@link dev.broadsheet.servlet.ContentServlet}.
 */
module dev.broadsheet.servlet {
  // ContentServlet is an HttpServlet made from a ContentApi.
  requires transitive dev.broadsheet.server;
  requires transitive jakarta.servlet;
  requires static transitive org.jspecify;

  exports dev.broadsheet.servlet;
}
