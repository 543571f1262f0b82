/**
 * The {@code agp} command-line tool; the entry point is {@link dev.agp.cli.AgpCli}.
 *
 * <p>Everything here is null-marked (JSpecify): a type is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.agp.cli;

import org.jspecify.annotations.NullMarked;
