package io.jakamoconnector.domain.port.in;

/**
 * Inbound: receive the next message, record it durably (deduplicated), deliver it to the ERP, acknowledge it, record
 * the acknowledgement; until the queue is empty or the limit is reached.
 */
public interface ReceiveInboundMessagesUseCase {
    ReceiveInboundMessagesResult receive(ReceiveInboundMessagesCommand command);
}
