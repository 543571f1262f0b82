package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.runtime.QueryParameter;

/** What paging needs to know of a listing's parameters beyond what they hold: the server's defaults. */
final class Paging {

  /** The page size the server uses when none is sent, as the spec says. */
  private static final int SERVER_DEFAULT_SIZE = Integer.parseInt(ListSessionsParams.PARAMETERS.stream()
      .filter(p -> p.name().equals("size"))
      .map(QueryParameter::defaultValue)
      .findFirst().orElseThrow(() -> new IllegalStateException("the spec's listSessions has no size default")));

  /**
   * The largest page the spec allows (its {@code size} maximum), or 100 if it sets none: the size that
   * auto-paging uses and that its windows never exceed.
   */
  static final int MAX_PAGE_SIZE = ListSessionsParams.PARAMETERS.stream()
      .filter(p -> p.name().equals("size"))
      .map(QueryParameter::maximum)
      .filter(java.util.Objects::nonNull)
      .map(Long::intValue)
      .findFirst().orElse(100);

  private Paging() {}

  /**
   * @param params a listing's parameters
   * @return the page size the server will use for them: the one set, else the spec's default
   */
  static int pageSize(ListSessionsParams params) {
    return params.size().orElse(SERVER_DEFAULT_SIZE);
  }
}
