package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.exchange.SendOutcome;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.OutboundExchangePort;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InMemoryOutboundExchangeContractTest extends OutboundExchangePortContract {
    private static final IntegrationName PO = new IntegrationName("po");
    private static final IntegrationName SO = new IntegrationName("so");
    private Function<InMemoryOutboundExchange, OutboundExchangePort> variant = fake -> fake;
    private InMemoryOutboundExchange fake;

    InMemoryOutboundExchangeContractTest() {
        super(PO, SO);
    }

    @Override
    protected OutboundExchangePort newExchange() {
        fake = new InMemoryOutboundExchange();
        return variant.apply(fake);
    }

    @Override
    protected List<byte[]> received(IntegrationName integration, BusinessKey order) {
        return fake.received().stream().map(OutgoingDocument::document)
                .filter(d -> d.businessKey().filter(order::equals).isPresent()).map(Document::bytes).toList();
    }

    @Override
    protected long confirmationsReceived(IntegrationName integration, String orderNumber) {
        return fake.confirmations().stream().filter(c -> c.integration().equals(integration)
                && c.confirmUrl().value().contains("/order/" + orderNumber + "/")).count();
    }

    @Override
    protected void jakamoKnowsNoOrder(IntegrationName integration, String orderNumber) {
        // the fake knows no orders; it answers what it is told, as Jakamo answers a change to an unknown order
        fake.script(new SendOutcome.Rejected("HTTP 422", List.of("Order " + orderNumber + " not found.")));
    }

    @Override
    protected ConfirmUrl changesProposed(IntegrationName integration, String orderNumber) {
        return new ConfirmUrl("https://jakamo.test/api/order/" + orderNumber + "/confirm?message=1");
    }

    // The contract bites: each broken exchange below fails the promise it breaks.

    private static InMemoryOutboundExchangeContractTest against(
            Function<InMemoryOutboundExchange, OutboundExchangePort> broken) {
        InMemoryOutboundExchangeContractTest contract = new InMemoryOutboundExchangeContractTest();
        contract.variant = broken;
        contract.freshExchange();
        return contract;
    }

    @Test
    void anExchangeThatThrowsForARefusedDocumentFailsTheContract() {
        InMemoryOutboundExchangeContractTest contract = against(ThrowingOnRefusal::new);
        assertThatThrownBy(contract::aDocumentJakamoRefusesIsRejectedWithItsMessagesNotThrown)
                .isInstanceOf(AssertionError.class).hasMessageContaining("not an exception");
    }

    @Test
    void anExchangeThatReencodesTheDocumentFailsTheContract() {
        InMemoryOutboundExchangeContractTest contract = against(Reencoding::new);
        assertThatThrownBy(contract::aDocumentJakamoTakesIsAcceptedAndArrivesWithExactlyItsBytes)
                .isInstanceOf(AssertionError.class).hasMessageContaining("bytes that reached Jakamo");
    }

    @Test
    void anExchangeThatCallsARepeatedConfirmationInDoubtFailsTheContract() {
        InMemoryOutboundExchangeContractTest contract = against(DoubtfulOnRepeat::new);
        assertThatThrownBy(contract::confirmingAllChangesIsAcceptedAndRepeatingItIsHarmless)
                .isInstanceOf(AssertionError.class).hasMessageContaining("never in doubt");
    }

    /** Throws Jakamo's refusal instead of returning it. */
    private record ThrowingOnRefusal(InMemoryOutboundExchange fake) implements OutboundExchangePort {
        @Override
        public SendOutcome send(IntegrationName integration, OutgoingDocument document) {
            SendOutcome outcome = fake.send(integration, document);
            if (outcome instanceof SendOutcome.Rejected rejected) {
                throw new JakamoExchangeException(JakamoExchangeException.Reason.REFUSED, 422, "refused",
                        rejected.messages(), null, null);
            }
            return outcome;
        }

        @Override
        public SendOutcome confirmAllChanges(IntegrationName integration, ConfirmUrl confirmUrl) {
            return fake.confirmAllChanges(integration, confirmUrl);
        }
    }

    /** Normalises line ends before sending, as re-serialising the XML would. */
    private record Reencoding(InMemoryOutboundExchange fake) implements OutboundExchangePort {
        @Override
        public SendOutcome send(IntegrationName integration, OutgoingDocument document) {
            Document d = document.document();
            byte[] normalised = new String(d.bytes(), StandardCharsets.UTF_8).replace("\r\n", "\n")
                    .getBytes(StandardCharsets.UTF_8);
            return fake.send(integration, new OutgoingDocument(document.ref(),
                    new Document(d.type(), d.businessKey().orElse(null), normalised), document.fileName()));
        }

        @Override
        public SendOutcome confirmAllChanges(IntegrationName integration, ConfirmUrl confirmUrl) {
            return fake.confirmAllChanges(integration, confirmUrl);
        }
    }

    /** Answers a confirmation it has seen before as in doubt, as if a repeat could do harm. */
    private static final class DoubtfulOnRepeat implements OutboundExchangePort {
        private final InMemoryOutboundExchange fake;
        private Optional<ConfirmUrl> last = Optional.empty();

        DoubtfulOnRepeat(InMemoryOutboundExchange fake) {
            this.fake = fake;
        }

        @Override
        public SendOutcome send(IntegrationName integration, OutgoingDocument document) {
            return fake.send(integration, document);
        }

        @Override
        public SendOutcome confirmAllChanges(IntegrationName integration, ConfirmUrl confirmUrl) {
            SendOutcome outcome = fake.confirmAllChanges(integration, confirmUrl);
            boolean repeat = last.filter(confirmUrl::equals).isPresent();
            last = Optional.of(confirmUrl);
            return repeat ? new SendOutcome.InDoubt("the answer was lost") : outcome;
        }
    }
}
