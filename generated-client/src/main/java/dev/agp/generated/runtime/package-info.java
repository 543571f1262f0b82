/**
 * Handwritten runtime support for the generated Retrofit interfaces ({@code dev.agp.generated.api}) and
 * Moshi models ({@code dev.agp.generated.model}): the Moshi configuration and a Retrofit factory.
 */
package dev.agp.generated.runtime;
