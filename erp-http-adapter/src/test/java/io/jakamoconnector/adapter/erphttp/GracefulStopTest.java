package io.jakamoconnector.adapter.erphttp;

import static io.jakamoconnector.adapter.erphttp.ApiFixture.KEY_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.testing.Documents;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the side lets a call in flight finish: the ERP gets its 202 for what was kept, not a reset connection. */
class GracefulStopTest {
    @TempDir
    Path state;

    @Test
    void a_post_in_flight_when_the_side_stops_is_answered_and_kept() throws Exception {
        ApiFixture api = new ApiFixture(state, ApiLimits.DEFAULTS);
        CountDownLatch judging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        api.context.judge = bytes -> {
            judging.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new HandOverVerdict.Acceptable(DocumentType.ORDER, List.of());
        };
        CompletableFuture<HttpResponse<String>> post = CompletableFuture.supplyAsync(
                () -> api.post("orders", KEY_1, "PO-1", Documents.order("PO-1")));
        assertThat(judging.await(20, TimeUnit.SECONDS)).isTrue();

        java.net.URI base = api.base();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(api::close);
        // the listener stops accepting first; only then is the call in flight allowed to finish
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (Socket s = new Socket(base.getHost(), base.getPort())) {
                return false;
            } catch (IOException refused) {
                return true;
            }
        });
        assertThat(post).isNotDone();
        release.countDown();

        assertThat(post.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(api.side.outbox().pickUp(ApiFixture.ORDERS, 10)).hasSize(1);
    }
}
