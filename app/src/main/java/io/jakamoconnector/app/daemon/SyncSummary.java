package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.SendOutboundDocumentsResult;
import java.util.List;
import java.util.Optional;

/** What one sync pass did, per integration. */
public record SyncSummary(List<Integration> integrations, long millis, boolean stoppedEarly) {

    public SyncSummary {
        integrations = List.copyOf(integrations);
    }

    /**
     * One integration's pass.
     *
     * @param outboundError    why the outbound phase stopped early, if it did
     * @param leftInFolder     documents the ERP side still holds after the pass (for folders: files in
     *                         {@code to_jakamo/}, being written, ignored or waiting)
     * @param inboundSkipped   why the queue was not read (another instance holds its lease), if it was not
     * @param inboundError     why the inbound phase stopped early, if it did
     */
    public record Integration(IntegrationName name, PickUpErpDocumentsResult pickedUp, SendOutboundDocumentsResult sent,
                              Optional<String> outboundError, long leftInFolder, ReceiveInboundMessagesResult received,
                              Optional<String> inboundSkipped, Optional<String> inboundError) {

        /** Nothing needs a person: no refusal, failure, doubt, deferral, quarantine or error. */
        public boolean ok() {
            return outboundError.isEmpty() && inboundError.isEmpty() && pickedUp.refused() == 0 && sent.failed() == 0
                    && sent.dead() == 0 && sent.inDoubt() == 0 && sent.deferred() == 0 && received.quarantined() == 0;
        }
    }

    public boolean ok() {
        return !stoppedEarly && integrations.stream().allMatch(Integration::ok);
    }
}
