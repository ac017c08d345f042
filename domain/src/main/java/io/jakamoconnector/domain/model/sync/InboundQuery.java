package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;
import java.util.Optional;

/**
 * Which inbound messages an operator lists, newest first: every filter optional, {@code from} inclusive and
 * {@code until} exclusive on the time received, one page of at most {@code limit} after skipping {@code offset}.
 */
public record InboundQuery(Optional<IntegrationName> integration, Optional<InboundState> state,
                           Optional<BusinessKey> businessKey, Optional<Instant> from, Optional<Instant> until,
                           int limit, int offset) {
    public InboundQuery {
        Check.notNull("query.integration", integration);
        Check.notNull("query.state", state);
        Check.notNull("query.businessKey", businessKey);
        Check.notNull("query.from", from);
        Check.notNull("query.until", until);
        PageLimits.check(from, until, limit, offset);
    }

    /** The newest {@code limit} messages of every integration. */
    public static InboundQuery newest(int limit) {
        return new InboundQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), limit, 0);
    }
}
