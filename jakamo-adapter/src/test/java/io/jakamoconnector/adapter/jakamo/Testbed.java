package io.jakamoconnector.adapter.jakamo;

import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.IntegrationSpec;
import io.jakamoconnector.sandbox.Journal;
import io.jakamoconnector.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sandbox with the integrations the tests use, the token port over it, and adapters built the way the app builds
 * them: {@code po} (purchase orders), {@code so} (sales orders), {@code claims}; {@code ro} a purchase-orders
 * integration whose app may only read; {@code wrong} configured as a claims integration but holding the orders app's
 * token (Jakamo grants one permission category per app).
 */
final class Testbed implements AutoCloseable {
    static final IntegrationName PO = new IntegrationName("po");
    static final IntegrationName SO = new IntegrationName("so");
    static final IntegrationName CLAIMS = new IntegrationName("claims");
    static final IntegrationName READ_ONLY = new IntegrationName("ro");
    static final IntegrationName WRONG = new IntegrationName("wrong");
    static final IntegrationName STUB = new IntegrationName("stub");

    final Sandbox sandbox;
    final SandboxTokens tokens;
    final AppRegistration ordersApp;
    final DocumentReader reader = new DocumentReader();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    Testbed() {
        sandbox = Sandbox.builder().start();
        sandbox.addIntegration(IntegrationSpec.salesOrders("so"));
        ordersApp = sandbox.registerApp(AppSpec.orders("po-app").integration("po"));
        AppRegistration salesApp = sandbox.registerApp(AppSpec.orders("so-app").integration("so"));
        AppRegistration claimsApp = sandbox.registerApp(AppSpec.claims("claims-app").integration("claims"));
        AppRegistration readOnlyApp = sandbox.registerApp(AppSpec.orders("ro-app").readOnly().integration("ro"));
        tokens = new SandboxTokens(sandbox).map("po", ordersApp.clientId()).map("so", salesApp.clientId())
                .map("claims", claimsApp.clientId()).map("ro", readOnlyApp.clientId())
                .map("wrong", ordersApp.clientId()).map("stub", ordersApp.clientId());
    }

    /** Short timeouts and backoffs, so faults cost test time in seconds, not minutes. */
    static JakamoOptions fastOptions() {
        return JakamoOptions.defaults().withRequestTimeout(Duration.ofMillis(1500))
                .withRetries(3, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    JakamoApiClient api(JakamoOptions options) {
        return api(options, null);
    }

    /** With {@code stub}, the integration {@code stub} talks to that stub instead of the sandbox. */
    JakamoApiClient api(JakamoOptions options, URI stub) {
        HttpClient http = JakamoApiClient.newHttpClient(Duration.ofSeconds(2),
                StubTls.get().clientContext(sandbox.trustStore()));
        URI base = sandbox.apiBaseUri();
        List<JakamoIntegration> integrations = new ArrayList<>(List.of(
                new JakamoIntegration(PO, IntegrationKind.PURCHASE_ORDERS, base, options),
                new JakamoIntegration(SO, IntegrationKind.SALES_ORDERS, base, options),
                new JakamoIntegration(CLAIMS, IntegrationKind.CLAIMS, base, options),
                new JakamoIntegration(READ_ONLY, IntegrationKind.PURCHASE_ORDERS, base, options),
                new JakamoIntegration(WRONG, IntegrationKind.CLAIMS, base, options)));
        if (stub != null) {
            integrations.add(new JakamoIntegration(STUB, IntegrationKind.PURCHASE_ORDERS, stub, options));
        }
        return new JakamoApiClient(http, tokens, reader, integrations, Clock.systemUTC());
    }

    /**
     * The sandbox's journal once it has caught up: the sandbox records a request after it has answered it, so a test
     * that looks right after its call returns could miss the last request (or see it land after a {@code clear()}).
     * Waits until no request has been added for 150 ms (at most 5 s).
     */
    Journal journal() {
        long[] seenAndSince = {sandbox.journal().requests().size(), System.nanoTime()};
        await("the sandbox's journal to stop growing for 150 ms").atMost(Duration.ofSeconds(5))
                .pollInSameThread().pollDelay(Duration.ofMillis(15)).pollInterval(Duration.ofMillis(15)).until(() -> {
                    int now = sandbox.journal().requests().size();
                    if (now != seenAndSince[0]) {
                        seenAndSince[0] = now;
                        seenAndSince[1] = System.nanoTime();
                    }
                    return System.nanoTime() - seenAndSince[1] >= Duration.ofMillis(150).toNanos();
                });
        return sandbox.journal();
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        sandbox.close();
    }
}
