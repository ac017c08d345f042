package io.jakamoconnector.app.cli;

import com.google.inject.Injector;
import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.sync.OrderSequence;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import picocli.CommandLine;

/** Runs an operator's correction of an outbound document and reports it: the states before and after, or why not. */
final class OutboundCorrections {
    private OutboundCorrections() {
    }

    static int correct(CommandLine.Model.CommandSpec spec,
                       BiFunction<PersistenceResource, String, OutboundCorrection> correction) {
        return correctWithErpFolders(spec, null, correction);
    }

    static int correctWithErpFolders(CommandLine.Model.CommandSpec spec,
                                     BiFunction<Injector, String, OutboundCorrection> correction) {
        return correctWithErpFolders(spec, correction, null);
    }

    /** Runs one of the two (the other null): with the ERP folders' injector, or with storage only. */
    static int correctWithErpFolders(CommandLine.Model.CommandSpec spec,
                                     BiFunction<Injector, String, OutboundCorrection> withFolders,
                                     BiFunction<PersistenceResource, String, OutboundCorrection> storage) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BiFunction<OutboundCorrection, MessageQueriesPort, Integer> report = (result, queries) -> {
            if (result instanceof OutboundCorrection.Applied applied) {
                OutboundRecord after = applied.after();
                Optional<OutboundRecord> first = after.state() == OutboundState.PENDING
                        ? OutboundDocuments.waitsFor(queries, after) : Optional.empty();
                out.printf("document %d: %s -> %s; %s%n", after.id(),
                        applied.before().state().name().toLowerCase(Locale.ROOT),
                        after.state().name().toLowerCase(Locale.ROOT), first.isPresent()
                                ? "held: " + OrderSequence.explain(after, first.get())
                                : "the running service picks it up at its next round");
                return ExitCodes.OK;
            }
            OutboundCorrection.Refused refused = (OutboundCorrection.Refused) result;
            err.println("jakamo-connector: document " + refused.id() + ": " + refused.reason());
            return ExitCodes.PROBLEMS;
        };
        if (withFolders != null) {
            return StorageSession.correctWithErpFoldersIfAny(AuditCommand.root(spec), err,
                    (injector, node) -> report.apply(withFolders.apply(injector, node),
                            injector.getInstance(PersistenceResource.class).messageQueries()));
        }
        return StorageSession.correct(AuditCommand.root(spec), err,
                (p, node) -> report.apply(storage.apply(p, node), p.messageQueries()));
    }
}
