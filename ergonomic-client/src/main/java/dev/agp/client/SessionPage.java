package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.util.List;
import java.util.Objects;

/**
 * One page of a session listing.
 *
 * @param items the sessions on this page, in the listing's order (unmodifiable)
 * @param page the page number (1-based)
 * @param pageSize the page size the request used (the server does not echo it)
 * @param total how many sessions match the filters, over all pages, as the server counted them
 */
public record SessionPage(List<SessionSummary> items, int page, int pageSize, long total) {

  /**
   * Creates a page.
   *
   * @param items the sessions on this page
   * @param page the page number
   * @param pageSize the page size used
   * @param total the total count
   */
  public SessionPage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** @return whether later pages exist: {@code page * pageSize < total} */
  public boolean hasMore() {
    return (long) page * pageSize < total;
  }
}
