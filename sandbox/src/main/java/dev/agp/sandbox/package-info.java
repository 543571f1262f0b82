/**
 * An in-process stand-in for the AgP sessions API: start it with
 * {@link dev.agp.sandbox.AgpSandbox#start()}.
 *
 * <p>Everything here is null-marked (JSpecify): a type is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.agp.sandbox;

import org.jspecify.annotations.NullMarked;
