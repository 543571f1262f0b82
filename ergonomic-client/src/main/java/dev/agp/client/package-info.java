/**
 * The ergonomic client for the AgP sessions API. Start with {@link dev.agp.client.AgpClient#builder()}.
 *
 * <p>Everything here is null-marked (JSpecify): a type is non-null unless annotated {@code @Nullable}, and
 * optional values are {@link java.util.Optional}. Models are the generated ones of
 * {@code dev.agp.generated.model}.
 */
@NullMarked
package dev.agp.client;

import org.jspecify.annotations.NullMarked;
