package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.MessageHeaders;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import io.jakamoconnector.domain.testing.OutboundExchangePortContract;
import io.jakamoconnector.sandbox.ChangeVerb;
import io.jakamoconnector.sandbox.DocumentRecord;
import io.jakamoconnector.sandbox.DuplicateOrders;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outbound exchange contract against the sandbox's Jakamo, which refuses changes to orders it does not know. */
class HttpOutboundExchangeContractIT extends OutboundExchangePortContract {
    private static Testbed bed;
    private static HttpOutboundExchangeAdapter outbound;
    private static HttpInboundQueueAdapter queue;

    HttpOutboundExchangeContractIT() {
        super(Testbed.PO, Testbed.SO);
    }

    @BeforeAll
    static void start() {
        bed = new Testbed();
        JakamoApiClient api = bed.api(Testbed.fastOptions());
        outbound = new HttpOutboundExchangeAdapter(api);
        queue = new HttpInboundQueueAdapter(api);
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @Override
    protected OutboundExchangePort newExchange() {
        bed.sandbox.faults().clear();
        bed.sandbox.jakamo().changeVerb(ChangeVerb.EITHER).duplicateOrders(DuplicateOrders.ACCEPT)
                .clearQueue(Testbed.SO.value());
        bed.journal().clear();
        return outbound;
    }

    @Override
    protected List<byte[]> received(IntegrationName integration, BusinessKey order) {
        return bed.journal().documents(integration.value()).stream()
                .filter(d -> d.kind() == DocumentRecord.Kind.DOCUMENT && order.value().equals(d.documentNumber()))
                .map(DocumentRecord::content).toList();
    }

    @Override
    protected long confirmationsReceived(IntegrationName integration, String orderNumber) {
        return bed.journal().documents(integration.value()).stream()
                .filter(d -> d.kind() == DocumentRecord.Kind.CONFIRM_ALL && orderNumber.equals(d.documentNumber()))
                .count();
    }

    @Override
    protected void jakamoKnowsNoOrder(IntegrationName integration, String orderNumber) {
        // the sandbox knows only the orders it was sent or placed, and refuses changes to any other
    }

    @Override
    protected ConfirmUrl changesProposed(IntegrationName integration, String orderNumber) {
        bed.sandbox.jakamo().placeSalesOrderChange(integration.value(), orderNumber);
        return new ConfirmUrl(queue.next(integration).orElseThrow().headers().get(MessageHeaders.CONFIRM_URL)
                .orElseThrow());
    }
}
