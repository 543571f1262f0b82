package dev.agp.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionOwner;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.runtime.InvalidParameterException;
import dev.agp.generated.runtime.QueryParameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated parameters type: the spec's constraints, checked as values are set, and its metadata. */
class ListSessionsParamsTest {

  private static final LifecycleStatus NEWER = LifecycleStatus.of("something_newer");

  @Test
  void theMetadataIsTheSpecsParametersInOrder() {
    assertThat(ListSessionsParams.PARAMETERS).extracting(QueryParameter::name)
        .containsExactly("page", "size", "sort", "status", "agent", "group_id", "parent_session_id", "owner",
            "search", "created_before", "created_after", "finished_before", "finished_after", "schedule_id");
    QueryParameter size = parameter("size");
    assertThat(size.type()).isEqualTo(QueryParameter.Type.INTEGER);
    assertThat(size.minimum()).isEqualTo(1L);
    assertThat(size.maximum()).isEqualTo(100L);
    assertThat(size.defaultValue()).isEqualTo("10");
    assertThat(size.description()).startsWith("Items per page, at most 100");
    QueryParameter status = parameter("status");
    assertThat(status.repeated()).isTrue();
    assertThat(status.type()).isEqualTo(QueryParameter.Type.ENUM);
    assertThat(status.allowedValues()).containsExactlyElementsOf(
        LifecycleStatus.knownValues().stream().map(LifecycleStatus::getValue).toList());
    assertThat(parameter("sort").defaultValue()).isEqualTo("-created_at");
    assertThat(parameter("owner").defaultValue()).isEqualTo("me-in-organization");
    assertThat(parameter("parent_session_id").javaName()).isEqualTo("parentSessionId");
    assertThat(parameter("agent").minLength()).isNull();
  }

  @Test
  void boundsAreCheckedAsValuesAreSet() {
    assertThatThrownBy(() -> ListSessionsParams.builder().page(0))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("page must be 1 or more, but was 0");
    assertThatThrownBy(() -> ListSessionsParams.builder().size(101))
        .hasMessage("size must be between 1 and 100, but was 101");
    assertThatThrownBy(() -> ListSessionsParams.builder().size(0))
        .hasMessage("size must be between 1 and 100, but was 0");
    assertThat(ListSessionsParams.builder().size(100).page(1).build().size()).contains(100);
  }

  @Test
  void aBadValueNamesTheParameterAndWhatIsAllowed() {
    InvalidParameterException e = (InvalidParameterException) catchThrown(
        () -> ListSessionsParams.builder().status(LifecycleStatus.RUNNING, NEWER));
    assertThat(e.parameter().name()).isEqualTo("status");
    assertThat(e.getMessage()).startsWith("status cannot be LifecycleStatus." + NEWER.name())
        .contains("allowed: queued, pending, running")
        .endsWith("use statusNewerThanSdk(\"the_value\").");
    assertThatThrownBy(() -> ListSessionsParams.builder().owner(SessionOwner.of("x")))
        .hasMessageContaining("allowed: me, me-in-organization, organization, me-or-organization");
    assertThatThrownBy(() -> ListSessionsParams.builder().sort(null))
        .hasMessage("sort must not be null; allowed: created_at, -created_at");
    assertThatThrownBy(() -> ListSessionsParams.builder().groupId(" "))
        .hasMessage("groupId must not be blank");
    assertThatThrownBy(() -> ListSessionsParams.builder().agent("a", null))
        .hasMessage("agent must not be null");
  }

  @Test
  void aRejectedValueLeavesTheBuilderAsItWas() {
    ListSessionsParams.Builder builder = ListSessionsParams.builder().agent("kept");
    assertThatThrownBy(() -> builder.agent(Arrays.asList("dropped", "")));
    assertThat(builder.build().agent()).containsExactly("kept");
  }

  @Test
  void theEscapeHatchTakesOnlyValuesNewerThanTheSdk() {
    ListSessionsParams params = ListSessionsParams.builder().statusNewerThanSdk("archived").build();
    assertThat(params.values().wireValues("status")).containsExactly("archived");
    assertThat(params.status()).singleElement().satisfies(s -> assertThat(s.isKnown()).isFalse());
    assertThatThrownBy(() -> ListSessionsParams.builder().statusNewerThanSdk("running"))
        .hasMessage("status value \"running\" is documented: use status(LifecycleStatus.RUNNING) instead of statusNewerThanSdk");
    assertThatThrownBy(() -> ListSessionsParams.builder().statusNewerThanSdk("Not A Status"))
        .hasMessageContaining("must be one of queued, pending, running");
    assertThatThrownBy(() -> ListSessionsParams.builder().statusNewerThanSdk(" "))
        .hasMessage("status needs a value newer than this SDK, but was blank");
  }

  @Test
  void wireValuesAreCheckedLikeTypedOnesButAcceptNewerEnumValues() {
    ListSessionsParams params = ListSessionsParams.builder()
        .wireValue("status", "running").wireValue("status", "archived").wireValue("size", "50")
        .wireValue("parent_session_id", "p").build();
    assertThat(params.values().asMap()).containsExactly(
        Map.entry("size", List.of("50")), Map.entry("status", List.of("running", "archived")),
        Map.entry("parent_session_id", List.of("p")));
    assertThatThrownBy(() -> ListSessionsParams.builder().wireValue("size", "ten"))
        .hasMessage("size must be a whole number between 1 and 100, but was \"ten\"");
    assertThatThrownBy(() -> ListSessionsParams.builder().wireValue("page", "99999999999"))
        .hasMessage("page must be a 32-bit integer (at most 2147483647), but was 99999999999");
    for (String odd : new String[] {"+5", "007", "\u0661\u0660", "\uff15", "5 ", "1e3", "99999999999999999999"}) {
      assertThatThrownBy(() -> ListSessionsParams.builder().wireValue("size", odd)).as(odd)
          .hasMessageStartingWith("size must be a whole number between 1 and 100");
    }
    assertThatThrownBy(() -> ListSessionsParams.builder().wireValue("colour", "red"))
        .hasMessageStartingWith("unknown query parameter \"colour\"; the spec declares page, size, sort");
  }

  @Test
  void oddTextIsRefusedOrShownSafely() {
    assertThatThrownBy(() -> ListSessionsParams.builder().groupId("\u200b\u00a0")).hasMessage("groupId must not be blank");
    assertThatThrownBy(() -> ListSessionsParams.builder().statusNewerThanSdk("-archived"))
        .hasMessageContaining("must be one of");
    assertThat(ListSessionsParams.builder().sortNewerThanSdk("-updated_at").build().values().wireValue("sort"))
        .isEqualTo("-updated_at");
    assertThat(ListSessionsParams.builder().search("a\nb\u202e").build().toString())
        .isEqualTo("ListSessionsParams{search=a\\u000ab\\u202e}");
    assertThatThrownBy(() -> ListSessionsParams.builder().additionalQueryParam("Status", "x"))
        .hasMessageContaining("is a declared parameter");
    assertThatThrownBy(() -> ListSessionsParams.builder().additionalQueryParam("status[]", "x"))
        .hasMessageContaining("is a declared parameter");
  }

  @Test
  void additionalParametersCannotShadowDeclaredOnes() {
    assertThatThrownBy(() -> ListSessionsParams.builder().additionalQueryParam("status", "x"))
        .hasMessage("\"status\" is a declared parameter: use status(…) instead of an additional query parameter");
    assertThatThrownBy(() -> ListSessionsParams.builder().additionalQueryParam("a&b", "x"))
        .hasMessageStartingWith("additional query parameter name must be");
  }

  @Test
  void valueSemantics() {
    ListSessionsParams a = ListSessionsParams.builder().status(LifecycleStatus.RUNNING, LifecycleStatus.RUNNING)
        .agent("x").size(50).build();
    ListSessionsParams b = ListSessionsParams.builder().size(50).agent("x").status(LifecycleStatus.RUNNING).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.toBuilder().page(2).build());
    assertThat(a.toString()).isEqualTo("ListSessionsParams{size=50, status=[running], agent=[x]}");
    assertThat(a.toBuilder().clear("status").build().status()).isEmpty();
    ListSessionsParams.Builder derived = a.toBuilder().agent("y");
    derived.build();
    assertThat(a.agent()).as("a derived builder leaves the original alone").containsExactly("x");
    assertThat(a.values().asMap()).isUnmodifiable();
    assertThat(a.status()).containsExactly(LifecycleStatus.RUNNING);
    assertThat(ListSessionsParams.none().page()).isEmpty();
    assertThat(ListSessionsParams.builder().sort(SessionSort.CREATED_AT_ASC).build().sort()).contains(SessionSort.CREATED_AT_ASC);
  }

  private static QueryParameter parameter(String name) {
    return ListSessionsParams.PARAMETERS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private static Throwable catchThrown(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("nothing thrown");
  }
}
