package dev.broadsheet.spring;

import dev.broadsheet.server.ContentApi;
import dev.broadsheet.server.ContentApiContractTest;
import java.net.URI;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The behaviour kit on a started Spring Boot application (embedded Tomcat, Spring MVC,
 * Actuator) with the starter: the kit's API is the application's own {@code ContentApi} bean,
 * which the starter maps at {@code broadsheet.api.base-path} below the context path {@code /site}.
 */
class SpringBootContentApiContractTest extends ContentApiContractTest {
  @Override
  protected Served serve(ContentApi api) {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
        .web(WebApplicationType.SERVLET)
        .initializers(c -> ((GenericApplicationContext) c).registerBean(ContentApi.class, () -> api))
        .properties(TestApplication.properties(
            "server.servlet.context-path=/site",
            "broadsheet.api.base-path=/api",
            // Tomcat answers a request line over its header limit (8 KB) with a 400 of its own;
            // above it, the API's 414 for a query over 8192 characters shows.
            "server.max-http-request-header-size=16KB",
            // Tomcat's blocking writes ignore the interrupt with which the API drops a client
            // that stopped reading an event stream: Tomcat's own write timeout drops it.
            "server.tomcat.connection-timeout=5s"))
        .run();
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return Served.of(URI.create("http://127.0.0.1:" + port + "/site/api"), context::close);
  }
}
