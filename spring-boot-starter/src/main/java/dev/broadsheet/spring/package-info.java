/**
 * Spring Boot auto-configuration for Broadsheet: the article repository, a renderer and the
 * content API in the application's own servlet container, from {@code broadsheet.*} properties.
 */
@NullMarked
package dev.broadsheet.spring;

import org.jspecify.annotations.NullMarked;
