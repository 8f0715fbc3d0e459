package dev.broadsheet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.broadsheet.Article;
import dev.broadsheet.ArticleQuery;
import dev.broadsheet.ArticleRepository;
import dev.broadsheet.Page;
import dev.broadsheet.server.Authorizer;
import dev.broadsheet.server.Authorizer.Decision;
import dev.broadsheet.server.Authorizer.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Java examples of README.md's Spring Boot section (fenced {@code ```java spring}) are
 * compiled here: the code between the markers in this file must be the README's snippets, in
 * order, whitespace aside. {@link StartedApplicationTest} serves {@link SportsDesk} and {@link
 * SecuredApplicationTest} runs {@link ReadmeSecurity}.
 */
class ReadmeExampleTest {
  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("spring-boot-starter"))) {
        return dir;
      }
    }
    throw new IllegalStateException("the repository root is not above " + Path.of("").toAbsolutePath());
  }

  private static String normalized(String code) {
    return code.strip().replaceAll("\\s+", " ");
  }

  @Test
  void readmeShowsTheCodeCompiledHere() throws IOException {
    Path root = root();
    Matcher block = Pattern.compile("```java spring\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve("README.md")));
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(normalized(block.group(1)));
    }
    Matcher region = Pattern.compile("// README example begins\n(.*?)\n *// README example ends", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve(
            "spring-boot-starter/src/test/java/dev/broadsheet/spring/ReadmeExampleTest.java")));
    List<String> compiled = new ArrayList<>();
    while (region.find()) {
      compiled.add(normalized(region.group(1)));
    }
    assertThat(compiled).hasSize(2);
    assertThat(blocks).isEqualTo(compiled);
  }
}

// README example begins
@RestController
class SportsDesk {
  private final ArticleRepository articles;             // the starter's, over broadsheet.content.path

  SportsDesk(ArticleRepository articles) {
    this.articles = articles;
  }

  @GetMapping("/desk/sports")
  Page<Article> latest() {                              // Jackson 3 writes it as the API does
    return articles.query(ArticleQuery.builder().categories("SPORTS").limit(5).build());
  }
}
// README example ends

@Configuration(proxyBeanMethods = false)
class ReadmeSecurity {
  // README example begins
  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll()) // the API decides per route
        .httpBasic(Customizer.withDefaults())                                 // or your login, OAuth2, ...
        .csrf(csrf -> csrf.ignoringRequestMatchers("/content/**"))           // API clients send no CSRF token
        .build();
  }

  @Bean
  Authorizer broadsheetAuthorizer() {                    // in place of broadsheet.api.*-token
    return request -> {
      Authentication user = SecurityContextHolder.getContext().getAuthentication();
      if (user == null || user instanceof AnonymousAuthenticationToken) {
        return Decision.anonymous();                     // the public: 401 on previews and writes
      }
      boolean editor = user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_EDITOR"));
      return editor ? Decision.authenticated(Permission.PREVIEW, Permission.WRITE)
          : Decision.authenticated();                    // known, but 403 on previews and writes
    };
  }
  // README example ends
}
