package io.jakamoconnector.adapter.erphttp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;

/**
 * Gathers a request body without holding a thread while the client is slow: reads what has arrived, then asks Jetty
 * to call back when more does ({@link Content.Source#demand}). Stops at {@code max} bytes, so a body of unknown length
 * (chunked) is bounded as well as one whose Content-Length is checked first.
 */
final class BoundedBody {
    /** What became of the body: its bytes, too large, or the connection failed (timed out, reset). */
    interface Outcome {
        void complete(byte[] body);

        void tooLarge();

        void failed(Throwable failure);
    }

    private final Content.Source source;
    private final int max;
    private final Outcome outcome;
    private final ByteArrayOutputStream gathered = new ByteArrayOutputStream();

    private BoundedBody(Content.Source source, int max, Outcome outcome) {
        this.source = source;
        this.max = max;
        this.outcome = outcome;
    }

    static void read(Content.Source source, int max, Outcome outcome) {
        new BoundedBody(source, max, outcome).readMore();
    }

    private void readMore() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                // a plain Runnable is a blocking task to Jetty: it runs on a worker once data has arrived
                source.demand(this::readMore);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                outcome.failed(chunk.getFailure());
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (gathered.size() + (long) n > max) {
                chunk.release();
                outcome.tooLarge();
                return;
            }
            byte[] bytes = new byte[n];
            buffer.get(bytes);
            gathered.write(bytes, 0, n);
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                outcome.complete(gathered.toByteArray());
                return;
            }
        }
    }
}
