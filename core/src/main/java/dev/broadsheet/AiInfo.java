package dev.broadsheet;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an AI pipeline did to an article: whether it {@code rewritten} the text, when it last
 * {@code expandedAt} it, and the pipeline {@code version}.
 *
 * @since 0.1.0
 */
public record AiInfo(
    @Nullable Boolean rewritten, @Nullable Instant expandedAt, @Nullable Integer version) {}
