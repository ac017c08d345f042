package io.jakamoconnector.adapter.console;

import java.time.Instant;
import java.util.Optional;

/**
 * What the running service knows of one integration, for the overview: whether its loops run or are held (and
 * until when), when its access token expires, and its last successful poll and send.
 */
public record IntegrationStatus(String integration, String state, Optional<Instant> heldUntil,
                                Optional<Instant> tokenExpiry, Optional<Instant> lastPoll, Optional<Instant> lastSend,
                                Optional<String> lastFailure) {
}
