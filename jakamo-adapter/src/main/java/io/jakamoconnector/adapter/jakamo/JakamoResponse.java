package io.jakamoconnector.adapter.jakamo;

import java.net.http.HttpHeaders;
import java.util.List;

/**
 * The final answer to a call.
 *
 * @param body        the body, read within its size cap; {@code null} when it could not be read
 * @param bodyProblem why the body could not be read, or {@code null}
 * @param messages    for an answer other than 2xx, what its body says (see {@link ErrorBodyMapper})
 * @param earlierAttemptMayHaveArrived an earlier request of this call failed after it may have reached Jakamo
 */
record JakamoResponse(int status, HttpHeaders headers, byte[] body, String bodyProblem, List<String> messages,
                      boolean earlierAttemptMayHaveArrived) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
