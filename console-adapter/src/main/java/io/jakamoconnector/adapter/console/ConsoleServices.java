package io.jakamoconnector.adapter.console;

import io.jakamoconnector.domain.port.in.DiscardOutboundDocumentUseCase;
import io.jakamoconnector.domain.port.in.DiscardQuarantinedMessageUseCase;
import io.jakamoconnector.domain.port.in.RecordConsoleSignInUseCase;
import io.jakamoconnector.domain.port.in.RedeliverQuarantinedMessageUseCase;
import io.jakamoconnector.domain.port.in.ResolveInDoubtDocumentUseCase;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentUseCase;
import io.jakamoconnector.domain.port.out.AuditQueriesPort;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import io.jakamoconnector.domain.port.out.OperatorSignInPort;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the console reads and runs: the operator queries, the live-operations use cases, the sign-in through the
 * identity provider (empty when only break-glass sign-in is set up), the audit of sign-ins and the running service's
 * status.
 */
public record ConsoleServices(MessageQueriesPort messages, AuditQueriesPort audit, AuditArchive archive,
                              ResolveInDoubtDocumentUseCase resolve, RetryOutboundDocumentUseCase retry,
                              DiscardOutboundDocumentUseCase discard, RedeliverQuarantinedMessageUseCase redeliver,
                              DiscardQuarantinedMessageUseCase discardMessage, RecordConsoleSignInUseCase signIns,
                              Optional<OperatorSignInPort> signIn, Supplier<List<IntegrationStatus>> status) {
    public ConsoleServices {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(resolve, "resolve");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(discard, "discard");
        Objects.requireNonNull(redeliver, "redeliver");
        Objects.requireNonNull(discardMessage, "discardMessage");
        Objects.requireNonNull(signIns, "signIns");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(status, "status");
    }
}
