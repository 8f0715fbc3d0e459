package dev.broadsheet;

import org.jspecify.annotations.Nullable;

/**
 * The URLs of an article's cover image in its several renditions, as image services such as
 * Unsplash deliver them. Any rendition may be absent.
 *
 * @param smallS3 written as {@code small_s3} in frontmatter
 * @since 0.1.0
 */
public record CoverImage(
    @Nullable String raw,
    @Nullable String full,
    @Nullable String regular,
    @Nullable String small,
    @Nullable String thumb,
    @Nullable String smallS3) {}
