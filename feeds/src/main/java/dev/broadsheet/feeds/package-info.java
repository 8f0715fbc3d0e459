/**
 * Feeds, sitemaps and robots.txt for the public articles of a repository: build a {@code
 * NewsFeeds} with the site's base URL and write each output to a stream, or all of them to a
 * folder.
 */
@NullMarked
package dev.broadsheet.feeds;

import org.jspecify.annotations.NullMarked;
