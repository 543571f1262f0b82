/**
 * The SDK's exceptions, all unchecked and all under {@link dev.agp.client.errors.AgpException}: API errors
 * by status, network failures and decoding failures.
 */
package dev.agp.client.errors;
