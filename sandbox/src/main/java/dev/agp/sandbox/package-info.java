/**
 * An in-process stand-in for the AgP sessions API: start it with
 * {@link dev.agp.sandbox.AgpSandbox#start()}.
 */
package dev.agp.sandbox;
