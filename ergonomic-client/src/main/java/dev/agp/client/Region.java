package dev.agp.client;

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
}
