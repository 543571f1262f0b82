/**
 * Handwritten runtime support for the generated Retrofit interfaces ({@code dev.agp.generated.api}) and
 * Moshi models ({@code dev.agp.generated.model}): the Moshi configuration and a Retrofit factory.
 *
 * <p>Everything here is null-marked (JSpecify): a type is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.agp.generated.runtime;

import org.jspecify.annotations.NullMarked;
