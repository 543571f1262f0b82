package dev.agp.client;

import com.squareup.moshi.JsonAdapter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How to read one kind of successful response: its name for messages, its Moshi adapter, and a contract
 * check run after decoding (returning a problem description, or {@code null} when the value is fine).
 */
final class Endpoint<T> {
  final String name;
  final JsonAdapter<T> adapter;
  final Function<T, @Nullable String> check;

  Endpoint(String name, JsonAdapter<T> adapter, Function<T, @Nullable String> check) {
    this.name = name;
    this.adapter = adapter;
    this.check = check;
  }
}
