package dev.agp.client.errors;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception the SDK throws. Unchecked, like the exceptions of OkHttp's and most modern
 * SDKs' APIs: catch the subtype you can handle, or this type for all of them.
 *
 * <ul>
 *   <li>{@link AgpApiException}: the server answered with an error status;
 *   <li>{@link AgpNetworkException}: the request failed on the network or timed out;
 *   <li>{@link AgpDecodingException}: the server's answer could not be decoded.
 * </ul>
 *
 * <p>No message of this hierarchy ever contains the API key.
 */
public class AgpException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   * @param cause the underlying cause, if any
   */
  public AgpException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
