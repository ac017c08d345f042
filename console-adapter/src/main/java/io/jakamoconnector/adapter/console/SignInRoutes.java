package io.jakamoconnector.adapter.console;

import gg.jte.TemplateEngine;
import io.jakamoconnector.adapter.console.Sessions.Session;
import io.jakamoconnector.domain.model.auth.OperatorIdentity;
import io.jakamoconnector.domain.model.auth.OperatorRole;
import io.jakamoconnector.domain.port.in.RecordConsoleSignInCommand;
import io.jakamoconnector.domain.port.in.RecordConsoleSignInUseCase;
import io.jakamoconnector.domain.port.out.OperatorSignInException;
import io.jakamoconnector.domain.port.out.OperatorSignInPort;
import io.jakamoconnector.domain.port.out.OperatorSignInPort.PendingSignIn;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out. The identity provider answers with a cross-site form POST, which a SameSite=Strict cookie does
 * not accompany, so a sign-in under way is kept on the server, keyed by its random {@code state}, and taken (once)
 * when the answer comes back. A successful sign-in always starts a new session.
 */
final class SignInRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SignInRoutes.class);
    private static final Duration PENDING_FOR = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 1000;
    private static final String BREAK_GLASS = "break-glass";

    private record Pending(PendingSignIn signIn, Instant startedAt) {
    }

    private final Optional<OperatorSignInPort> signIn;
    private final Optional<BreakGlass> breakGlass;
    private final RecordConsoleSignInUseCase signIns;
    private final Sessions sessions;
    private final Clock clock;
    private final String cookie;
    private final boolean secure;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    SignInRoutes(Optional<OperatorSignInPort> signIn, Optional<BreakGlass> breakGlass, RecordConsoleSignInUseCase signIns,
                 Sessions sessions, Clock clock, String cookie, boolean secure) {
        this.signIn = signIn;
        this.breakGlass = breakGlass;
        this.signIns = signIns;
        this.sessions = sessions;
        this.clock = clock;
        this.cookie = cookie;
        this.secure = secure;
    }

    Map<String, Object> page(String error) {
        return Map.of("page", Pages.page(null, "Sign in", ""), "sso", signIn.isPresent(),
                "breakGlass", breakGlass.isPresent(), "error", error == null ? "" : error);
    }

    void start(Context ctx) {
        OperatorSignInPort port = signIn.orElseThrow(() -> new Refused(404, "Sign-in with Entra ID is not set up here."));
        Instant now = clock.instant();
        pending.values().removeIf(p -> !now.isBefore(p.startedAt().plus(PENDING_FOR)));
        if (pending.size() >= MAX_PENDING) {
            throw new Refused(503, "Too many sign-ins are under way; try again in a few minutes.");
        }
        PendingSignIn started = port.begin();
        pending.put(started.state(), new Pending(started, now));
        ctx.redirect(started.authorizationUrl().toString());
    }

    void callback(Context ctx, TemplateEngine templates) {
        String state = ctx.formParam("state");
        Pending taken = state == null ? null : pending.remove(state);
        if (taken == null || !clock.instant().isBefore(taken.startedAt().plus(PENDING_FOR))) {
            refuse(ctx, templates, 400, "This sign-in was not started here or has expired; sign in again.");
            return;
        }
        if (ctx.formParam("error") != null) {
            LOG.warn("console: Entra ID refused a sign-in: {}", clean(ctx.formParam("error")));
            refuse(ctx, templates, 401, "Entra ID did not sign you in (" + clean(ctx.formParam("error")) + ").");
            return;
        }
        OperatorIdentity identity;
        try {
            identity = signIn.orElseThrow().complete(taken.signIn(), ctx.formParam("code"));
        } catch (OperatorSignInException e) {
            LOG.warn("console: a sign-in failed: {}", e.getMessage());
            refuse(ctx, templates, 401, "The sign-in did not work: " + e.getMessage());
            return;
        }
        if (!identity.may(OperatorRole.VIEWER)) {
            LOG.warn("console: {} signed in without a console role", identity.actor());
            audit(identity.actor(), "entra", ctx, "no console role");
            refuse(ctx, templates, 403, "You have no role for this console; ask for the viewer or operator role "
                    + "on its app registration.");
            return;
        }
        audit(identity.actor(), "entra", ctx, null);
        begin(ctx, identity);
        // a page rather than a redirect: the browser then asks for the overview from this site, so the new
        // SameSite=Strict cookie goes with it (a redirect would still count as the identity provider's request)
        ctx.html("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" "
                + "content=\"0;url=/\"><title>Signed in</title></head><body><p>Signed in. <a href=\"/\">Continue to "
                + "the overview</a></p></body></html>");
    }

    void breakGlass(Context ctx, TemplateEngine templates) {
        BreakGlass glass = breakGlass.orElseThrow(() -> new Refused(404, "Break-glass sign-in is not set up here."));
        if (!glass.redeem(ctx.formParam("token"))) {
            LOG.warn("console: a break-glass sign-in from {} with a wrong or spent token was refused", ctx.ip());
            audit("unknown", BREAK_GLASS, ctx, "wrong or spent token");
            refuse(ctx, templates, 401, "That token is wrong or was used already. A new one is written at each start.");
            return;
        }
        OperatorIdentity identity = new OperatorIdentity(BREAK_GLASS, BREAK_GLASS, Set.of(OperatorRole.OPERATOR));
        LOG.warn("console: break-glass sign-in used from {}; the token is spent (file {} removed)", ctx.ip(), glass.file());
        audit(identity.actor(), BREAK_GLASS, ctx, null);
        begin(ctx, identity);
        ctx.redirect("/");
    }

    void signOut(Context ctx) {
        Session session = ConsoleServer.session(ctx);
        sessions.end(session.id);
        LOG.info("console: {} signed out", session.identity.actor());
        ctx.header("Set-Cookie", cookie + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
        ctx.redirect("/signin");
    }

    private void begin(Context ctx, OperatorIdentity identity) {
        sessions.end(ctx.cookie(cookie));   // whatever id the browser brought is never promoted
        Session session = sessions.create(identity);
        ctx.header("Set-Cookie", cookie + "=" + session.id + "; Path=/; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : ""));
        LOG.info("console: {} signed in with roles {}", identity.actor(), identity.roles());
    }

    /** Before the session exists: a sign-in the trail cannot take does not happen (the append throws). */
    private void audit(String actor, String method, Context ctx, String refusal) {
        signIns.record(new RecordConsoleSignInCommand(actor, method, ctx.ip(), refusal));
    }

    private void refuse(Context ctx, TemplateEngine templates, int status, String message) {
        ctx.status(status).html(ConsoleServer.render(templates, "signin.jte", page(message)));
    }

    private static String clean(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) : text;
        return cut.replaceAll("[^\\w .:-]", "?");
    }
}
