package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.testing.ErpInboxPortContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

class HttpErpInboxContractTest extends ErpInboxPortContract {
    @TempDir
    Path state;
    private Spools spools;

    @Override
    protected ErpInboxPort newInbox() {
        spools = new Spools(state, List.of(ORDERS, CLAIMS));
        spools.create();
        return new HttpErpInboxAdapter(spools, Clock.systemUTC());
    }

    @Override
    protected Optional<byte[]> delivered(IntegrationName integration, String name) {
        try {
            return spools.inbox(integration).shown(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected int deliveredCount(IntegrationName integration) {
        try {
            // what the ERP can fetch: every published, unacknowledged message
            return spools.inbox(integration).shownCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ERP acknowledges it: that is how a message leaves what the ERP sees. */
    @Override
    protected void takeAway(IntegrationName integration, String name) {
        try {
            spools.inbox(integration).acknowledge(name, Clock.systemUTC().instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
