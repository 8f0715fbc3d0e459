package dev.broadsheet.spring;

import dev.broadsheet.ArticleRepository;
import dev.broadsheet.servlet.ContentServlet;
import dev.broadsheet.server.ContentApi;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * A content folder served by a Spring Boot application with the starter, for the figures in
 * bench/README.md: {@code java -cp ... dev.broadsheet.spring.SpringAdapters servlet|mvc DIR
 * PORT}. The write token, if any, comes from {@code BROADSHEET_WRITE_TOKEN}. Prints one line when
 * ready and serves until killed. Not a test: a program on the test class path, beside the
 * starter it measures.
 *
 * <ul>
 *   <li>{@code servlet}: as the starter maps the API, a {@code ContentServlet} registered beside
 *       Spring MVC's dispatcher, at {@code /api/*}.
 *   <li>{@code mvc}: the alternative the starter does not take, the same servlet called from a
 *       Spring MVC handler at {@code /api/**}, behind the dispatcher.
 * </ul>
 */
public final class SpringAdapters {
  private SpringAdapters() {}

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Servlet {}

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Mvc {
    /** The API behind Spring MVC's dispatcher: a handler that passes each request to the servlet. */
    @Bean
    SimpleUrlHandlerMapping broadsheetMvcMapping(ContentApi api) throws ServletException {
      ContentServlet servlet = new ContentServlet(api);
      servlet.init();
      HttpRequestHandler handler = (request, response) -> servlet.service(new Mapped(request), response);
      return new SimpleUrlHandlerMapping(Map.of("/api/**", handler), 0);
    }
  }

  /** The request as the servlet would see it mapped at {@code /api/*}, so that its base is {@code /api}. */
  static final class Mapped extends HttpServletRequestWrapper {
    Mapped(HttpServletRequest request) {
      super(request);
    }

    @Override
    public HttpServletMapping getHttpServletMapping() {
      return new HttpServletMapping() {
        @Override
        public String getMatchValue() {
          return "";
        }

        @Override
        public String getPattern() {
          return "/api/*";
        }

        @Override
        public String getServletName() {
          return "broadsheetMvc";
        }

        @Override
        public MappingMatch getMappingMatch() {
          return MappingMatch.PATH;
        }
      };
    }
  }

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    Class<?> app = switch (mode) {
      case "servlet" -> Servlet.class;
      case "mvc" -> Mvc.class;
      default -> throw new IllegalArgumentException("mode must be servlet or mvc, was " + mode);
    };
    String token = System.getenv("BROADSHEET_WRITE_TOKEN");
    ConfigurableApplicationContext context = new SpringApplicationBuilder(app).run(
        "--" + TestApplication.NO_SECURITY, "--server.port=" + args[2], "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
        "--logging.level.root=WARN", "--broadsheet.content.path=" + args[1],
        "--broadsheet.api.base-path=/api", "--broadsheet.api.enabled=" + mode.equals("servlet"),
        "--broadsheet.api.write-token=" + (token == null ? "" : token));
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    System.out.println("Serving " + context.getBean(ArticleRepository.class).size() + " articles on http://127.0.0.1:"
        + port + "/api/ (spring " + mode + ")");
    System.out.flush();
  }
}
