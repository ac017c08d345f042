package io.jakamoconnector.adapter.console;

import io.jakamoconnector.adapter.console.Sessions.Session;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import io.jakamoconnector.domain.port.in.DiscardOutboundDocumentCommand;
import io.jakamoconnector.domain.port.in.DiscardQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.in.RedeliverQuarantinedMessageCommand;
import io.jakamoconnector.domain.port.in.ResolveInDoubtDocumentCommand;
import io.jakamoconnector.domain.port.in.RetryOutboundDocumentCommand;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corrections, each run through its live-operations use case with the signed-in person's decision (their user
 * name and object id, and the reason they gave), so the audit event says who did it from the console. The caller
 * has checked the session, its CSRF token and the operator role.
 */
final class Actions {
    private static final Logger LOG = LoggerFactory.getLogger(Actions.class);
    private final ConsoleServices services;

    Actions(ConsoleServices services) {
        this.services = services;
    }

    /** What the document's state allows an operator, offered in this order: resolve, retry, discard. */
    static List<Views.Action> forDocument(OutboundRecord d) {
        String base = "/documents/" + d.id();
        OutboundStatus status = d.status();
        List<Views.Action> actions = new java.util.ArrayList<>();
        if (status instanceof OutboundStatus.InDoubt) {
            actions.add(new Views.Action("resolve-sent", base + "/resolve", "It arrived: mark sent", "sent", "yes",
                    "You found it in Jakamo: the connector records it as sent and does not send it again."));
            actions.add(new Views.Action("resolve-not-sent", base + "/resolve", "It did not arrive: send again",
                    "sent", "no", "You checked Jakamo and it is not there: the connector sends it again."));
        }
        // a local refusal is retried with its file as corrected in failed/ (RetryOutboundDocumentService)
        if (status instanceof OutboundStatus.Retryable || status instanceof OutboundStatus.RefusedLocally) {
            actions.add(new Views.Action("retry", base + "/retry", "Retry", null, null,
                    "The cause is fixed: the connector sends it again."));
        }
        if (status instanceof OutboundStatus.Discardable) {
            actions.add(new Views.Action("discard", base + "/discard", "Discard", null, null,
                    "Nobody should send it: the connector gives it up for good."));
        }
        return List.copyOf(actions);
    }

    static List<Views.Action> forMessage(InboundRecord m, String href) {
        List<Views.Action> actions = new java.util.ArrayList<>();
        if (m.state().afterRedelivery().isPresent()) {
            actions.add(new Views.Action("redeliver", href + "/redeliver", "Redeliver to the ERP", null, null,
                    "The cause is fixed: the connector hands the kept bytes to the ERP again."));
        }
        if (m.state().afterDiscard().isPresent()) {
            actions.add(new Views.Action("discard-message", href + "/discard", "Discard", null, null,
                    "Nobody needs it (a corrected one came, it was a test): it stops waiting for a person and its "
                            + "kept bytes are dropped."));
        }
        return List.copyOf(actions);
    }

    void resolve(Context ctx, Session session) {
        long id = id(ctx);
        String sent = ctx.formParam("sent");
        if (!"yes".equals(sent) && !"no".equals(sent)) {
            throw new Refused(400, "Say whether it arrived in Jakamo (sent: yes or no).");
        }
        outcome(ctx, session, id, "resolve " + ("yes".equals(sent) ? "as sent" : "as not sent"), services.resolve()
                .resolve(new ResolveInDoubtDocumentCommand(id, "yes".equals(sent), decision(ctx, session))));
    }

    void retry(Context ctx, Session session) {
        long id = id(ctx);
        outcome(ctx, session, id, "retry", services.retry().retry(new RetryOutboundDocumentCommand(id, decision(ctx, session))));
    }

    void discard(Context ctx, Session session) {
        long id = id(ctx);
        outcome(ctx, session, id, "discard", services.discard().discard(new DiscardOutboundDocumentCommand(id,
                decision(ctx, session))));
    }

    void redeliver(Context ctx, Session session) {
        IntegrationName integration = integration(ctx);
        DedupKey key = key(ctx);
        messageOutcome(ctx, session, integration, key, "redeliver", "Redelivered", services.redeliver().redeliver(
                new RedeliverQuarantinedMessageCommand(integration, key, decision(ctx, session))));
    }

    void discardMessage(Context ctx, Session session) {
        IntegrationName integration = integration(ctx);
        DedupKey key = key(ctx);
        messageOutcome(ctx, session, integration, key, "discard", "Discarded", services.discardMessage().discard(
                new DiscardQuarantinedMessageCommand(integration, key, decision(ctx, session))));
    }

    private static void messageOutcome(Context ctx, Session session, IntegrationName integration, DedupKey key,
                                       String what, String done, InboundCorrection result) {
        if (result instanceof InboundCorrection.Applied applied) {
            session.flash = done + ": the message is now " + applied.after().state().name().toLowerCase(Locale.ROOT) + ".";
        } else if (result instanceof InboundCorrection.Refused refused) {
            session.flash = "Not done: " + refused.reason();
        }
        LOG.info("console: {} asked to {} message {} of {}: {}", session.identity.actor(), what, key.shortForm(),
                integration, result.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        ctx.redirect("/messages/" + Pages.encode(integration.value()) + "/" + Pages.encode(key.value()), HttpStatus.SEE_OTHER);
    }

    private static IntegrationName integration(Context ctx) {
        try {
            return new IntegrationName(ctx.pathParam("integration"));
        } catch (InvalidValueException e) {
            throw new Refused(400, "Not a message address: " + e.getMessage());
        }
    }

    private static DedupKey key(Context ctx) {
        try {
            return new DedupKey(ctx.pathParam("key"));
        } catch (InvalidValueException e) {
            throw new Refused(400, "Not a message address: " + e.getMessage());
        }
    }

    private static void outcome(Context ctx, Session session, long id, String what, OutboundCorrection result) {
        if (result instanceof OutboundCorrection.Applied applied) {
            session.flash = "Done (" + what + "): the document is now "
                    + applied.after().state().name().toLowerCase(Locale.ROOT) + ".";
        } else if (result instanceof OutboundCorrection.Refused refused) {
            session.flash = "Not done: " + refused.reason();
        }
        LOG.info("console: {} asked to {} document {}: {}", session.identity.actor(), what, id,
                result.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        ctx.redirect("/documents/" + id, HttpStatus.SEE_OTHER);
    }

    private static OperatorDecision decision(Context ctx, Session session) {
        String reason = ctx.formParam("reason");
        if (reason == null || reason.isBlank()) {
            throw new Refused(400, "Give a reason: it goes into the audit trail with your name.");
        }
        try {
            return session.identity.decide(reason.strip());
        } catch (InvalidValueException e) {
            throw new Refused(400, "The reason is not usable: " + e.getMessage());
        }
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new Refused(404, "There is no such document.");
        }
    }
}
