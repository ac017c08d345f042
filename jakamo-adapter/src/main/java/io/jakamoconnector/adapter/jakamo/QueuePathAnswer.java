package io.jakamoconnector.adapter.jakamo;

import java.net.URI;

/**
 * How an integration's queue path answered one authenticated read (doctor's check of {@code jakamo.paths}).
 *
 * @param verdict {@code LIKE_A_QUEUE}: a message (2xx), 204, or a 404 with a {@code <status>} body; {@code BARE_404}: a
 *                404 without a body, which Jakamo documents for no empty queue and which a wrong path behind a front
 *                end answers; {@code OTHER}: anything else, or no answer (see {@code detail})
 * @param probed  the URI read (never with a query)
 * @param status  the HTTP status, 0 when none came
 */
public record QueuePathAnswer(Verdict verdict, URI probed, int status, String detail) {
    public enum Verdict {
        LIKE_A_QUEUE, BARE_404, OTHER
    }
}
