package io.jakamoconnector.adapter.auth;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.testing.AccessTokenPortContract;
import io.jakamoconnector.sandbox.AppRegistration;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The token contract against the sandbox's Entra: each test registers its own applications, and the revoked one's
 * secret is expired at Entra after it was written to its file, so the adapter holds a real secret Entra refuses.
 */
class MsalAccessTokenContractIT extends AccessTokenPortContract {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static SandboxFixture fx;
    private Map<IntegrationName, AppRegistration> apps;

    @BeforeAll
    static void startSandbox() {
        fx = new SandboxFixture();
    }

    @AfterAll
    static void stopSandbox() {
        fx.close();
    }

    @AfterEach
    void closeAdapters() {
        fx.closeAdapters();
    }

    @Override
    protected AccessTokenPort newPort() {
        int n = TESTS.incrementAndGet();
        AppRegistration orders = fx.registerOrders("contract-orders-" + n);
        AppRegistration revoked = fx.registerOrders("contract-revoked-" + n);
        apps = Map.of(ORDERS, orders, REVOKED, revoked);
        TokenRegistration ordersRegistration = fx.secretRegistration(ORDERS.value(), orders);
        TokenRegistration revokedRegistration = fx.secretRegistration(REVOKED.value(), revoked);
        fx.sandbox.entra().expireSecrets(revoked.clientId());
        // renewal on demand: the sandbox approved the applications long ago, so a refused token is not a fresh one
        return fx.adapter(fx.settings().minimumRenewInterval(Duration.ZERO).build(), ordersRegistration,
                revokedRegistration);
    }

    @Override
    protected int tokenRequests(IntegrationName integration) {
        return fx.tokenRequests(apps.get(integration).clientId()).size();
    }

    @Override
    protected String secretOf(IntegrationName integration) {
        return apps.get(integration).clientSecret();
    }

    @Override
    protected Clock clock() {
        return Clock.systemUTC();
    }
}
