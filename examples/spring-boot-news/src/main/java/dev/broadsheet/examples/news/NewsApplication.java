package dev.broadsheet.examples.news;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small news site on Spring Boot: a front page of the newest articles, a page per category
 * and a page per article, rendered on the server, with Broadsheet's starter providing the
 * articles (from {@code broadsheet.content.path}) and its JSON API under {@code /api}. From the
 * repository root, after {@code mvn -B verify}:
 *
 * <pre>
 * java -cp "examples/spring-boot-news/target/classes:$(cat examples/spring-boot-news/target/classpath.txt)" \
 *   dev.broadsheet.examples.news.NewsApplication
 * </pre>
 *
 * <p>then open {@code http://127.0.0.1:8080/}.
 */
@SpringBootApplication
public class NewsApplication {
  public static void main(String[] args) {
    SpringApplication.run(NewsApplication.class, args);
  }
}
