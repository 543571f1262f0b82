/**
 * The SDK's exceptions, all unchecked and all under {@link dev.agp.client.errors.AgpException}: API errors
 * by status, network failures and decoding failures.
 *
 * <p>Everything here is null-marked (JSpecify): a type is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.agp.client.errors;

import org.jspecify.annotations.NullMarked;
