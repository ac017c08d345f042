package io.jakamoconnector.adapter.jakamo;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps a request body to learn whether any of it was handed to the connection: a request whose body was never
 * written cannot have been processed, whatever the failure says.
 */
final class BodyTracker implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher delegate;
    private final boolean hasBody;
    private final AtomicBoolean started = new AtomicBoolean();

    private BodyTracker(HttpRequest.BodyPublisher delegate, boolean hasBody) {
        this.delegate = delegate;
        this.hasBody = hasBody;
    }

    static BodyTracker of(byte[] bytes) {
        return new BodyTracker(HttpRequest.BodyPublishers.ofByteArray(bytes), bytes.length > 0);
    }

    static BodyTracker empty() {
        return new BodyTracker(HttpRequest.BodyPublishers.noBody(), false);
    }

    /**
     * Nothing can have been processed if a body was never started, or if there is no body and the failure came
     * while connecting.
     */
    boolean nothingWritten(boolean connectPhaseFailure) {
        return hasBody ? !started.get() : connectPhaseFailure;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                started.set(true);
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
