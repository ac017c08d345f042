package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failures a call repeats at once: the heart of "never send a document twice blindly". */
class AttemptFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aReadRepeatsEveryTransientFailure() {
        for (AttemptFailure.Kind kind : AttemptFailure.Kind.values()) {
            assertThat(failure(kind, null).repeatNow(true, WAIT)).as(kind.name()).isTrue();
        }
    }

    @Test
    void aDocumentRepeatsOnlyWhatCertainlyDidNotArrive() {
        assertThat(failure(AttemptFailure.Kind.NOT_SENT, null).repeatNow(false, WAIT)).isTrue();
        assertThat(failure(AttemptFailure.Kind.STATUS, null).repeatNow(false, WAIT)).isTrue();
        assertThat(failure(AttemptFailure.Kind.MAYBE_SENT, null).repeatNow(false, WAIT)).isFalse();
        assertThat(failure(AttemptFailure.Kind.BODY, null).repeatNow(false, WAIT)).isFalse();
    }

    @Test
    void aRetryAfterBeyondWhatACallWaitsIsHandedBack() {
        assertThat(failure(AttemptFailure.Kind.STATUS, Duration.ofSeconds(30)).repeatNow(true, WAIT)).isTrue();
        assertThat(failure(AttemptFailure.Kind.STATUS, Duration.ofSeconds(31)).repeatNow(true, WAIT)).isFalse();
    }

    @Test
    void anInterruptedCallIsNotRepeated() {
        AttemptFailure interrupted = new AttemptFailure(AttemptFailure.Kind.NOT_SENT, 0, "interrupted", List.of(), null,
                false, null);

        assertThat(interrupted.repeatNow(true, WAIT)).isFalse();
    }

    private static AttemptFailure failure(AttemptFailure.Kind kind, Duration retryAfter) {
        return new AttemptFailure(kind, 0, "x", List.of(), retryAfter, true, null);
    }
}
