package dev.agp.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.BadRequestException;
import dev.agp.client.errors.ConflictException;
import dev.agp.client.errors.ErrorResponse;
import dev.agp.client.errors.InternalServerException;
import dev.agp.client.errors.NotFoundException;
import dev.agp.client.errors.PermissionDeniedException;
import dev.agp.client.errors.RateLimitException;
import dev.agp.client.errors.UnauthorizedException;
import dev.agp.client.errors.UnprocessableEntityException;
import dev.agp.client.errors.ValidationError;
import dev.agp.generated.model.ErrorDetail;
import dev.agp.generated.model.GatewayError;
import dev.agp.generated.model.ValidationErrorItem;
import dev.agp.generated.model.ValidationErrorResponse;
import dev.agp.generated.runtime.AgpMoshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns an error response into the matching typed exception. The body is decoded into the spec's error
 * envelope it matches ({@link ErrorDetail}, {@link ValidationErrorResponse} or {@link GatewayError}), chosen
 * by the shape of its top-level {@code detail} or {@code message}; the raw body is kept beside it.
 */
final class ApiErrors {
  private static final int MAX_PLAIN_TEXT = 200;
  /** The longest server message an exception carries; the raw body keeps the rest. */
  static final int MAX_MESSAGE = 1_000;

  private ApiErrors() {}

  static AgpApiException create(
      int status, String method, String path, byte[] body, Map<String, List<String>> headers, @Nullable Duration retryAfter) {
    String text = new String(body, StandardCharsets.UTF_8);
    Object error = decode(body);
    if (error == null && body.length >= BodyLimits.MAX_ERROR_BODY_BYTES) {
      error = decodeCut(text);
    }
    List<ValidationError> items = error instanceof ValidationErrorResponse
        ? items((ValidationErrorResponse) error)
        : List.of();
    ErrorResponse response = new ErrorResponse(
        status, method, path, messageOf(error, items, text), items, headers, text, error);
    switch (status) {
      case 400:
        return new BadRequestException(response);
      case 401:
        return new UnauthorizedException(response);
      case 403:
        return new PermissionDeniedException(response);
      case 404:
        return new NotFoundException(response);
      case 409:
        return new ConflictException(response);
      case 422:
        return new UnprocessableEntityException(response);
      case 429:
        return new RateLimitException(response, retryAfter);
      default:
        return status >= 500 && status <= 599 ? new InternalServerException(response) : new AgpApiException(response);
    }
  }

  /** @return the envelope the body matches, decoded, or null for a body that matches none */
  static @Nullable Object decode(byte[] body) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().write(body));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return null;
      }
      Class<?> envelope = envelopeOf(reader.peekJson());
      if (envelope == ValidationErrorResponse.class) {
        return validationItems(reader);
      }
      return envelope == null ? null : AgpMoshi.get().adapter(envelope).fromJson(reader);
    } catch (IOException | JsonDataException notAnEnvelope) {
      return null;
    }
  }

  /**
   * The envelope of a body cut at {@link BodyLimits#MAX_ERROR_BODY_BYTES} inside its message (a server that
   * sent a huge {@code detail}): the message as far as it came, so that it is not lost with the rest.
   */
  private static @Nullable Object decodeCut(String text) {
    // The cut may fall inside an escape sequence or a character: drop a few characters until it parses.
    for (int drop = 0; drop <= 6 && drop < text.length(); drop++) {
      Object error = decode((text.substring(0, text.length() - drop) + "\"}").getBytes(StandardCharsets.UTF_8));
      if (error instanceof ErrorDetail || error instanceof GatewayError) {
        return error;
      }
    }
    return null;
  }

  /**
   * A 422's items, each decoded on its own: one malformed item (a number where the location should be)
   * is left out rather than costing the message of every valid one.
   */
  @SuppressWarnings("unchecked")
  private static ValidationErrorResponse validationItems(JsonReader reader) throws IOException {
    Object json = AgpMoshi.get().adapter(Object.class).fromJson(reader);
    Object detail = json instanceof Map ? ((Map<String, Object>) json).get("detail") : null;
    List<ValidationErrorItem> items = new ArrayList<>();
    if (detail instanceof List) {
      JsonAdapter<ValidationErrorItem> adapter = AgpMoshi.get().adapter(ValidationErrorItem.class);
      for (Object item : (List<Object>) detail) {
        try {
          ValidationErrorItem decoded = adapter.fromJsonValue(item);
          if (decoded != null) {
            items.add(decoded);
          }
        } catch (RuntimeException malformed) {
          // Left out; the raw body keeps it.
        }
      }
    }
    ValidationErrorResponse response = new ValidationErrorResponse();
    response.setDetail(items);
    return response;
  }

  /** {@code detail} as a string or a list decides; a gateway's {@code message} counts only without it. */
  private static @Nullable Class<?> envelopeOf(JsonReader reader) throws IOException {
    Class<?> found = null;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      JsonReader.Token token = reader.peek();
      if (name.equals("detail") && token == JsonReader.Token.STRING) {
        return ErrorDetail.class;
      }
      if (name.equals("detail") && token == JsonReader.Token.BEGIN_ARRAY) {
        return ValidationErrorResponse.class;
      }
      if (name.equals("message") && token == JsonReader.Token.STRING) {
        found = GatewayError.class;
      }
      reader.skipValue();
    }
    return found;
  }

  private static @Nullable String messageOf(@Nullable Object error, List<ValidationError> items, String text) {
    if (error instanceof ErrorDetail) {
      return cut(((ErrorDetail) error).getDetail());
    }
    if (error instanceof GatewayError) {
      return cut(((GatewayError) error).getMessage());
    }
    if (error instanceof ValidationErrorResponse) {
      return items.isEmpty() ? null : items.stream().map(ValidationError::toString).collect(Collectors.joining("; "));
    }
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.startsWith("{") || trimmed.startsWith("[")) {
      // Empty, or JSON of no known envelope: no message (the raw body is still there).
      return null;
    }
    // A short plain-text body is its own message.
    return trimmed.length() <= MAX_PLAIN_TEXT ? trimmed : trimmed.substring(0, MAX_PLAIN_TEXT) + "…";
  }

  /** A message no longer than {@link #MAX_MESSAGE} characters, saying how much was left out. */
  private static @Nullable String cut(@Nullable String message) {
    if (message == null || message.length() <= MAX_MESSAGE) {
      return message;
    }
    int end = Character.isHighSurrogate(message.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE;
    return message.substring(0, end) + "… (" + (message.length() - end) + " more characters in the body)";
  }

  private static List<ValidationError> items(ValidationErrorResponse response) {
    List<ValidationError> items = new ArrayList<>();
    for (ValidationErrorItem item : response.getDetail() == null ? List.<ValidationErrorItem>of() : response.getDetail()) {
      if (item == null) {
        continue;
      }
      List<String> location = new ArrayList<>();
      for (Object step : item.getLoc() == null ? List.of() : item.getLoc()) {
        location.add(locationStep(step));
      }
      items.add(new ValidationError(location, item.getMsg() == null ? "invalid" : item.getMsg(),
          item.getType() == null ? "" : item.getType(), item.getInput()));
    }
    return items;
  }

  /** Moshi reads JSON numbers as doubles; an index reads better as "0" than "0.0". */
  private static String locationStep(@Nullable Object step) {
    if (step instanceof Double && (Double) step == Math.rint((Double) step)) {
      return String.valueOf(((Double) step).longValue());
    }
    return String.valueOf(step);
  }
}
