package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.testing.ErpOutboxPortContract;
import io.jakamoconnector.domain.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

class HttpErpOutboxContractTest extends ErpOutboxPortContract {
    @TempDir
    Path state;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private HttpErpOutboxAdapter outbox;

    @Override
    protected ErpOutboxPort newOutbox() {
        Spools spools = new Spools(state, List.of(ORDERS, CLAIMS));
        spools.create();
        outbox = new HttpErpOutboxAdapter(spools, clock);
        return outbox;
    }

    @Override
    protected void drop(IntegrationName integration, String fileName, byte[] bytes) {
        clock.advance(Duration.ofSeconds(1));
        outbox.drop(integration, fileName, bytes, Optional.empty());
    }

    @Override
    protected void dropAttachment(IntegrationName integration, String order, String fileName, byte[] bytes) {
        clock.advance(Duration.ofSeconds(1));
        outbox.drop(integration, fileName, bytes, Optional.of(new BusinessKey(order)));
    }
}
