package io.jakamoconnector.adapter.erphttp;

import static io.jakamoconnector.adapter.erphttp.ApiFixture.KEY_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that stalls cannot starve the others; the listener closes it after its idle timeout. */
class ListenerBoundsTest {
    private static final Duration IDLE = Duration.ofSeconds(8);
    @TempDir
    Path state;

    @Test
    void clients_stalled_mid_body_hold_no_worker_and_are_closed_after_the_idle_timeout() throws IOException {
        // four workers (Jetty's acceptor and selector take two): more stalled bodies than workers
        try (ApiFixture api = new ApiFixture(state, new ApiLimits(IDLE, 32, 4, 1 << 20))) {
            URI base = api.base();
            assertThat(api.get("/erp/v1/integrations/orders/inbox", KEY_1).statusCode()).as("warm").isEqualTo(200);
            List<Socket> stalled = new ArrayList<>();
            long stalledAt = System.nanoTime();
            try {
                for (int i = 0; i < 6; i++) {
                    Socket s = new Socket(base.getHost(), base.getPort());
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /erp/v1/integrations/orders/documents HTTP/1.1\r\nHost: x\r\n"
                            + "Authorization: Bearer " + KEY_1 + "\r\nIdempotency-Key: slow-" + i + "\r\n"
                            + "Content-Type: application/xml\r\nContent-Length: 1000\r\n\r\n<Order>")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stalled.add(s);
                }
                Socket headerOnly = new Socket(base.getHost(), base.getPort());
                headerOnly.getOutputStream().write("GET /erp/v1/openapi.json HT".getBytes(StandardCharsets.US_ASCII));
                stalled.add(headerOnly);

                assertThat(api.get("/erp/v1/integrations/orders/inbox", KEY_1).statusCode()).isEqualTo(200);
                assertThat(api.post("orders", KEY_1, "fast", "<Order>fast</Order>").statusCode()).isEqualTo(202);
                // answered while every stalled connection was still open: no idle timeout had freed anything yet
                assertThat(Duration.ofNanos(System.nanoTime() - stalledAt)).isLessThan(IDLE);
                for (Socket s : stalled) {
                    assertThat(s.getInputStream().available()).isZero();
                }

                for (Socket s : stalled) {
                    s.setSoTimeout(15_000);
                    assertThat(closedByServer(s.getInputStream())).as("closed by the listener").isTrue();
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
            assertThat(api.side.outbox().pickUp(ApiFixture.ORDERS, 10)).hasSize(1);
        }
    }

    /** Reads until the server ends the connection (an answer such as 408 may come first). */
    private static boolean closedByServer(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) != -1) {
                // whatever the server says before it closes
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }
}
