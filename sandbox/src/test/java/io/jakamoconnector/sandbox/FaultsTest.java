package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void nextNStrikesNTimesOnTheNamedEndpointOnly() {
        Faults faults = new Faults(1);
        faults.failNext(2, Endpoint.QUEUE_READ, Fault.connectionReset());
        assertThat(faults.draw(Endpoint.QUEUE_ACK)).isEmpty();
        assertThat(faults.draw(Endpoint.QUEUE_READ)).hasValue(Fault.connectionReset());
        assertThat(faults.draw(Endpoint.QUEUE_READ)).isPresent();
        assertThat(faults.draw(Endpoint.QUEUE_READ)).isEmpty();
        assertThat(faults.rules()).isEmpty();
    }

    @Test
    void rulesAreTriedInOrderAndAlwaysKeepsStriking() {
        Faults faults = new Faults(1);
        faults.failNext(1, Endpoint.TOKEN, Fault.serverError(500));
        faults.always(Endpoint.TOKEN, Fault.tooManyRequests(3));
        assertThat(faults.draw(Endpoint.TOKEN)).hasValue(Fault.serverError(500));
        for (int i = 0; i < 5; i++) {
            assertThat(faults.draw(Endpoint.TOKEN)).hasValue(Fault.tooManyRequests(3));
        }
        faults.clear(Endpoint.TOKEN);
        assertThat(faults.draw(Endpoint.TOKEN)).isEmpty();
    }

    @Test
    void probabilityIsSeededAndSparedCallsDoNotUseUpTheCount() {
        Faults first = new Faults(7);
        Faults second = new Faults(7);
        Faults.ActiveRule rule = first.inject(new FaultRule(Endpoint.ORDER_POST, Fault.emptyResponse(), 100, 0.3));
        second.inject(new FaultRule(Endpoint.ORDER_POST, Fault.emptyResponse(), 100, 0.3));
        int strikes = 0;
        for (int i = 0; i < 1000; i++) {
            boolean a = first.draw(Endpoint.ORDER_POST).isPresent();
            assertThat(second.draw(Endpoint.ORDER_POST).isPresent()).isEqualTo(a);
            strikes += a ? 1 : 0;
        }
        assertThat(strikes).isEqualTo(100);
        assertThat(rule.struck()).isEqualTo(100);
    }

    @Test
    void faultsKnowWhenTheyStrike() {
        assertThat(Fault.connectionReset().processedFirst()).isFalse();
        assertThat(Fault.connectionReset().afterProcessing().processedFirst()).isTrue();
        assertThat(Fault.truncatedBody().processedFirst()).isTrue();
        assertThat(Fault.latency(Duration.ofSeconds(1)).afterProcessing().processedFirst()).isFalse();
        assertThat(Fault.serverError(503, 5).afterProcessing().describe()).isEqualTo("SERVER_ERROR 503 retry-after=5 after-processing");
        assertThatThrownBy(() -> Fault.serverError(404)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultRule(Endpoint.TOKEN, Fault.hang(), 0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultRule(Endpoint.TOKEN, Fault.hang(), 1, 0.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theControlApiParsesFaultRules() {
        FaultRule rule = ControlApi.faultRule(Map.of("endpoint", "order_post", "fault", "reset", "times", "2", "after", "true"));
        assertThat(rule).isEqualTo(new FaultRule(Endpoint.ORDER_POST, Fault.connectionReset().afterProcessing(), 2, 1.0));
        assertThat(ControlApi.faultRule(Map.of("endpoint", "TOKEN", "fault", "429", "retryAfter", "7")).fault())
                .isEqualTo(Fault.tooManyRequests(7));
        assertThat(ControlApi.faultRule(Map.of("endpoint", "QUEUE_READ", "fault", "503")).fault()).isEqualTo(Fault.serverError(503));
        assertThat(ControlApi.faultRule(Map.of("endpoint", "QUEUE_READ", "fault", "latency", "ms", "250", "probability", "0.5")))
                .isEqualTo(new FaultRule(Endpoint.QUEUE_READ, Fault.latency(Duration.ofMillis(250)), -1, 0.5));
        assertThatThrownBy(() -> ControlApi.faultRule(Map.of("endpoint", "QUEUE_READ", "fault", "explode")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
