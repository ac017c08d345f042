package io.jakamoconnector.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue 14: ERROR once per episode when no integration can get a token; one failing integration is no ERROR. */
class TokenOutageTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName SALES = new IntegrationName("sales");
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(TokenOutage.class);
    /** The integrations whose token service refuses them now. */
    private final Set<IntegrationName> refused = new HashSet<>();
    private final AccessTokenPort entra = new AccessTokenPort() {
        @Override
        public AccessToken token(IntegrationName integration) {
            if (refused.contains(integration)) {
                throw new AccessTokenUnavailableException(integration, AccessTokenUnavailableException.Reason
                        .INVALID_CLIENT, "the client secret is wrong", null, null, null);
            }
            return new AccessToken("token-of-" + integration, T0, T0.plusSeconds(3600), T0.plusSeconds(3000));
        }

        @Override
        public AccessToken renewedToken(IntegrationName integration, AccessToken rejected) {
            return token(integration);
        }
    };
    private final MeteredAccessTokens tokens = new MeteredAccessTokens(entra,
            new ServiceMetrics(new SimpleMeterRegistry()),
            new TokenOutage(Set.of(ORDERS, SALES), Clock.fixed(T0, ZoneOffset.UTC)));

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    private List<Level> levels() {
        return appender.list.stream().map(ILoggingEvent::getLevel).toList();
    }

    private void round() {
        for (IntegrationName integration : List.of(ORDERS, SALES)) {
            try {
                tokens.token(integration);
            } catch (AccessTokenUnavailableException e) {
                // the loop's own handling: a WARN per integration, elsewhere
            }
        }
    }

    @Test
    void oneErrorWhenEveryIntegrationsTokenFailsNotOnePerRoundAndAnInfoWhenOneWorksAgain() {
        refused.add(ORDERS);
        round();
        round();
        assertThat(levels()).as("one integration failing is no outage of the service").isEmpty();

        refused.add(SALES);
        round();
        round();
        round();
        assertThat(levels()).containsExactly(Level.ERROR);
        assertThat(appender.list.get(0).getFormattedMessage()).contains("no integration can get an access token")
                .contains("orders=invalid_client").contains("sales=invalid_client")
                .contains("jakamo-connector token --integration").doesNotContain("token-of-");

        refused.remove(SALES);
        round();
        assertThat(levels()).containsExactly(Level.ERROR, Level.INFO);
        assertThat(appender.list.get(1).getFormattedMessage()).contains("sales got an access token again");

        refused.add(SALES);
        round();
        assertThat(levels()).as("a new episode").containsExactly(Level.ERROR, Level.INFO, Level.ERROR);
        assertThatThrownBy(() -> tokens.token(ORDERS)).isInstanceOf(AccessTokenUnavailableException.class);
    }
}
