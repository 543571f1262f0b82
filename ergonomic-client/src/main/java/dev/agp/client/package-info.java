/**
 * The ergonomic client for the AgP sessions API. Start with {@link dev.agp.client.AgpClient#builder()}.
 *
 * <p>Types that are neither annotated nor documented otherwise never return {@code null}; optional values
 * are {@link java.util.Optional}. Models are the generated ones of {@code dev.agp.generated.model}.
 *
 * <p>Everything here is null-marked (JSpecify): a type is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.agp.client;

import org.jspecify.annotations.NullMarked;
