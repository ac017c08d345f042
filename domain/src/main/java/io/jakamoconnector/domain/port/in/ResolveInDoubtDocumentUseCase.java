package io.jakamoconnector.domain.port.in;

import io.jakamoconnector.domain.model.sync.OutboundCorrection;

/** An operator settles an IN_DOUBT document after checking in Jakamo whether it arrived. */
public interface ResolveInDoubtDocumentUseCase {

    /** Applied (SENT, or PENDING to be sent again) or Refused with why; audited either way. */
    OutboundCorrection resolve(ResolveInDoubtDocumentCommand command);
}
