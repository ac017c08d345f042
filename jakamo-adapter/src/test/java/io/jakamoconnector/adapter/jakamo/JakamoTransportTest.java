package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Whether a failed request can have reached Jakamo: the rule that decides between a retry and "in doubt". */
class JakamoTransportTest {

    @Test
    void failuresWhileConnectingAreToldApartFromLaterOnes() {
        assertThat(JakamoTransport.isConnectPhase(new HttpConnectTimeoutException("connect timed out"))).isTrue();
        assertThat(JakamoTransport.isConnectPhase(new IOException("wrapped", new ConnectException("refused")))).isTrue();
        assertThat(JakamoTransport.isConnectPhase(new SSLHandshakeException("PKIX"))).isTrue();
        assertThat(JakamoTransport.isConnectPhase(new HttpTimeoutException("request timed out"))).isFalse();
        assertThat(JakamoTransport.isConnectPhase(new IOException("Connection reset"))).isFalse();
    }

    @Test
    void aBodyNeverWrittenCannotHaveArrivedWhateverTheFailure() {
        BodyTracker body = BodyTracker.of(new byte[] {1, 2, 3});

        assertThat(body.nothingWritten(false)).isTrue();
        drain(body);
        assertThat(body.nothingWritten(true)).isFalse();
    }

    @Test
    void withoutABodyOnlyAConnectFailureProvesNothingArrived() {
        BodyTracker empty = BodyTracker.empty();

        assertThat(empty.nothingWritten(true)).isTrue();
        assertThat(empty.nothingWritten(false)).isFalse();
    }

    /** Takes the body as the HTTP client does: subscribe, request, receive. */
    private static void drain(BodyTracker body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                // the bytes go nowhere: only that they were taken matters
            }

            @Override
            public void onError(Throwable throwable) {
                throw new AssertionError(throwable);
            }

            @Override
            public void onComplete() {
                // done
            }
        });
    }
}
