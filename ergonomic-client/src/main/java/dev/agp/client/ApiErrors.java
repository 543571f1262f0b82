package dev.agp.client;

import com.squareup.moshi.JsonAdapter;
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
import dev.agp.generated.runtime.AgpMoshi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/** Turns an error response into the matching typed exception, whatever envelope the server used. */
final class ApiErrors {
  private static final int MAX_PLAIN_TEXT = 200;
  private static final JsonAdapter<Object> JSON = AgpMoshi.get().adapter(Object.class);

  private ApiErrors() {}

  static AgpApiException create(
      int status, String method, String path, byte[] body, Map<String, List<String>> headers, @Nullable Duration retryAfter) {
    List<ValidationError> items = new ArrayList<>();
    ErrorResponse response = new ErrorResponse(status, method, path, messageOf(body, items), items, headers);
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

  /**
   * Reads the message from {@code {"detail": "..."}}, {@code {"detail": [...]}} (collecting the items) or
   * {@code {"message": "..."}}; a short plain-text body is its own message.
   */
  static @Nullable String messageOf(byte[] body, List<ValidationError> items) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return null;
    }
    Object json;
    try {
      JsonReader reader = JsonReader.of(new Buffer().write(body));
      json = JSON.fromJson(reader);
    } catch (IOException | RuntimeException notJson) {
      return text.length() <= MAX_PLAIN_TEXT ? text : text.substring(0, MAX_PLAIN_TEXT) + "…";
    }
    if (!(json instanceof Map)) {
      return null;
    }
    Map<?, ?> object = (Map<?, ?>) json;
    Object detail = object.get("detail");
    if (detail instanceof String) {
      return (String) detail;
    }
    if (detail instanceof List) {
      for (Object item : (List<?>) detail) {
        if (item instanceof Map) {
          items.add(validationError((Map<?, ?>) item));
        }
      }
      return items.isEmpty() ? null : items.stream().map(ValidationError::toString).collect(Collectors.joining("; "));
    }
    Object message = object.get("message");
    return message instanceof String ? (String) message : null;
  }

  private static ValidationError validationError(Map<?, ?> item) {
    List<String> location = new ArrayList<>();
    if (item.get("loc") instanceof List) {
      for (Object step : (List<?>) item.get("loc")) {
        // Moshi reads JSON numbers as doubles; an index reads better as "0" than "0.0".
        location.add(step instanceof Double && (Double) step == Math.rint((Double) step)
            ? String.valueOf(((Double) step).longValue())
            : String.valueOf(step));
      }
    }
    Object msg = item.get("msg");
    Object type = item.get("type");
    return new ValidationError(
        location, msg instanceof String ? (String) msg : "invalid", type instanceof String ? (String) type : "");
  }
}
