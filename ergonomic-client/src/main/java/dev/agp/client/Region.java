package dev.agp.client;

import java.util.Locale;
import java.util.Optional;

/** The regions the AgP API is served from. */
public enum Region {
  /** Europe, the default: {@code https://agp.eu.hcompany.ai}. */
  EU("https://agp.eu.hcompany.ai/"),
  /** United States: {@code https://agp.hcompany.ai}. */
  US("https://agp.hcompany.ai/");

  private final String baseUrl;

  Region(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** @return the region's base URL, with a trailing slash */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The region a person or a variable names: {@code eu} or {@code us}, in any case.
   *
   * @param name the name
   * @return the region, or empty for any other name
   */
  public static Optional<Region> of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "eu" -> Optional.of(EU);
      case "us" -> Optional.of(US);
      default -> Optional.empty();
    };
  }
}
