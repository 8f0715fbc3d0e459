package dev.broadsheet.spring;

import dev.broadsheet.server.ContentApi;
import dev.broadsheet.servlet.ContentServlet;
import jakarta.servlet.Servlet;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * The application's {@link ContentApi} (the starter's or its own) in the servlet container, as
 * a {@link ContentServlet} under {@code broadsheet.api.base-path}, beside Spring MVC's
 * dispatcher; off with {@code broadsheet.api.enabled=false}. The registration is the bean named
 * {@code broadsheetContentServlet}, which an application may define itself.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BroadsheetAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ServletRegistrationBean.class, ContentServlet.class})
@ConditionalOnBooleanProperty(name = "broadsheet.api.enabled", matchIfMissing = true)
@ConditionalOnBean(ContentApi.class)
public class BroadsheetServletAutoConfiguration {
  /** Spring makes it. */
  public BroadsheetServletAutoConfiguration() {}

  /**
   * {@link ContentServlet} under {@code broadsheet.api.base-path}, asynchronous for event
   * streams, started with the container.
   */
  @Bean
  @ConditionalOnMissingBean(name = "broadsheetContentServlet")
  public ServletRegistrationBean<ContentServlet> broadsheetContentServlet(ContentApi api, BroadsheetProperties properties) {
    ServletRegistrationBean<ContentServlet> registration =
        new ServletRegistrationBean<>(new ContentServlet(api), properties.api().servletMapping());
    registration.setName("broadsheetContentServlet");
    registration.setAsyncSupported(true);
    registration.setLoadOnStartup(1);
    return registration;
  }

  /**
   * Ends the servlet's event streams as the application begins to stop, before the web server's
   * graceful shutdown, which would otherwise wait its whole timeout for these never-ending
   * requests; clients see the end and reconnect with {@code Last-Event-ID}.
   */
  @Bean
  @ConditionalOnBean(name = "broadsheetContentServlet")
  public SmartLifecycle broadsheetEventStreamsLifecycle(
      @Qualifier("broadsheetContentServlet") ServletRegistrationBean<?> registration) {
    return new EventStreamsLifecycle(registration.getServlet());
  }

  /** Runs while the application runs; on stop, closes the event streams of a {@link ContentServlet}. */
  static final class EventStreamsLifecycle implements SmartLifecycle {
    private final @Nullable Servlet servlet;
    private volatile boolean running;

    EventStreamsLifecycle(@Nullable Servlet servlet) {
      this.servlet = servlet;
    }

    @Override
    public void start() {
      running = true;
    }

    @Override
    public void stop() {
      running = false;
      if (servlet instanceof ContentServlet content) {
        content.closeEventStreams(Duration.ofSeconds(1));
      }
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    /** Before the web server's graceful shutdown, which stops in a lower phase. */
    @Override
    public int getPhase() {
      return Integer.MAX_VALUE;
    }
  }
}
