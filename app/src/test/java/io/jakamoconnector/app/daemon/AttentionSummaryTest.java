package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.Waiting;
import io.jakamoconnector.domain.model.sync.WaitingState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttentionSummaryTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void nothingWaitingIsAnEmptyList() {
        assertThat(AttentionSummary.of(List.of(), Map.of())).isEmpty();
    }

    @Test
    void eachGroupAndEachHoldIsOneItemWithWhatToDo() {
        List<AttentionSummary.Item> items = AttentionSummary.of(List.of(
                new Waiting(ORDERS, WaitingState.IN_DOUBT, 2, T),
                new Waiting(CLAIMS, WaitingState.QUARANTINED_ACKNOWLEDGED, 1, T.plusSeconds(5))),
                Map.of(ORDERS, T.plusSeconds(60)));

        assertThat(items).extracting(i -> i.integration().value() + "/" + i.kind() + "/" + i.count())
                .containsExactly("claims/quarantined_acknowledged/1", "orders/in_doubt/2", "orders/held/1");
        assertThat(items.get(1).oldestSince()).contains(T);
        assertThat(items.get(1).action()).contains("jakamo-connector messages list --integration orders --state "
                + "in_doubt").contains("messages resolve ID --sent");
        assertThat(items.get(2).until()).contains(T.plusSeconds(60));
        assertThat(items.get(2).oldestSince()).isEqualTo(Optional.empty());
    }

    @Test
    void aBlockedQueueAndAQueuePathInDoubtAreItemsWithTheirDetail() {
        List<AttentionSummary.Item> items = AttentionSummary.of(List.of(), Map.of(),
                Map.of(ORDERS, "its host cdn.example:443 is not a trusted Jakamo host for orders; add 'cdn.example' to "
                        + "integrations[orders].jakamo.trustedHosts"),
                Map.of(CLAIMS, "GET /api/claim/response has answered only a 404 without a body since ...; check "
                        + "integrations[claims].jakamo.paths.claimQueue"));

        assertThat(items).extracting(i -> i.integration().value() + "/" + i.kind())
                .containsExactly("orders/queue_blocked", "claims/queue_path_unconfirmed");
        assertThat(items.get(0).detail()).hasValueSatisfying(d -> assertThat(d).contains("trustedHosts"));
        assertThat(items.get(0).action()).contains("add it to the key the detail names");
        assertThat(items.get(1).detail()).hasValueSatisfying(d -> assertThat(d)
                .contains("integrations[claims].jakamo.paths.claimQueue"));
    }
}
