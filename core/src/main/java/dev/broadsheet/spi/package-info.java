/**
 * The storage SPI: what a backend implements to hold articles for an {@link
 * dev.broadsheet.ArticleRepository}. Backends are passed to the repository's builder
 * explicitly; nothing is discovered.
 */
@NullMarked
package dev.broadsheet.spi;

import org.jspecify.annotations.NullMarked;
