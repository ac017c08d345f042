package io.jakamoconnector.adapter.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.jakamoconnector.adapter.console.Sessions.Session;
import io.jakamoconnector.domain.model.auth.OperatorIdentity;
import io.jakamoconnector.domain.model.auth.OperatorRole;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console: server-rendered pages on a listener of their own, with the bounds of every listener of the
 * connector (idle timeout, connection limit, thread bound). Every page needs a session; every POST but the two
 * sign-in ones needs the session's CSRF token; every action needs the operator role. No inline script: the
 * Content-Security-Policy allows only the console's own script and style files.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Set<String> OPEN_PATHS = Set.of("/signin", "/auth/start", "/auth/callback", "/auth/break-glass",
            "/static/console.css", "/static/console.js");
    private static final Map<String, String> STATIC_TYPES = Map.of("/static/console.css", "text/css; charset=utf-8",
            "/static/console.js", "text/javascript; charset=utf-8");

    private final Javalin javalin;
    private final Optional<BreakGlass> breakGlass;
    private final String host;

    private ConsoleServer(Javalin javalin, Optional<BreakGlass> breakGlass, String host) {
        this.javalin = javalin;
        this.breakGlass = breakGlass;
        this.host = host;
    }

    /** Listens as {@code settings} say until {@link #close()}; writes the break-glass token file first when set. */
    public static ConsoleServer start(ConsoleSettings settings, ConsoleServices services, Clock clock) {
        Optional<BreakGlass> breakGlass = BreakGlass.of(settings.breakGlassFile());
        TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
        Sessions sessions = new Sessions(clock, settings.sessionIdle(), settings.sessionMaximum());
        String cookie = settings.secureCookies() ? "__Host-jc_session" : "jc_session";
        Pages pages = new Pages(services, new Times(settings.zone()), clock, settings.configuration());
        SignInRoutes signIn = new SignInRoutes(services.signIn(), breakGlass, services.signIns(), sessions, clock, cookie,
                settings.secureCookies());
        String host = settings.address().getAddress().getHostAddress();
        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = 64 * 1024;
            QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 2, 60_000);
            threads.setName("console");
            threads.setReservedThreads(0);
            cfg.jetty.threadPool = threads;
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setRequestHeaderSize(8 * 1024);
                http.setIdleTimeout(settings.idleTimeout().toMillis());
            });
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(settings.address().getPort());
                connector.setIdleTimeout(settings.idleTimeout().toMillis());
                return connector;
            });
            cfg.jetty.modifyServer(server -> server.addBean(new NetworkConnectionLimit(settings.maxConnections(), server)));

            cfg.routes.before(ctx -> {
                securityHeaders(ctx);
                if (OPEN_PATHS.contains(ctx.path())) {
                    return;
                }
                Session session = sessions.find(ctx.cookie(cookie)).orElse(null);
                if (session == null) {
                    throw new Refused(401, "Sign in first.");
                }
                ctx.attribute("session", session);
                if (ctx.method() != HandlerType.GET && !validCsrf(session, ctx.formParam("csrf"))) {
                    LOG.warn("console: refused a {} to {} by {} without a valid CSRF token", ctx.method(), ctx.path(),
                            session.identity.actor());
                    throw new Refused(403, "This form has expired or did not come from this console; open the page "
                            + "again and repeat.");
                }
            });
            cfg.routes.exception(Refused.class, (e, ctx) -> {
                if (e.status == 401 && ctx.method() == HandlerType.GET) {
                    ctx.redirect("/signin");
                    return;
                }
                ctx.status(e.status);
                Session session = ctx.attribute("session");
                ctx.html(render(templates, "problem.jte", Map.of("page", Pages.page(session, "Refused", ""),
                        "message", e.getMessage())));
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("console: {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500);
                ctx.html(render(templates, "problem.jte", Map.of("page", Pages.page(ctx.attribute("session"), "Error", ""),
                        "message", "Something went wrong on the server; the connector's log says what.")));
            });
            cfg.routes.get("/static/{file}", ctx -> staticFile(ctx));

            cfg.routes.get("/signin", ctx -> ctx.html(render(templates, "signin.jte", signIn.page(null))));
            cfg.routes.get("/auth/start", signIn::start);
            cfg.routes.post("/auth/callback", ctx -> signIn.callback(ctx, templates));
            cfg.routes.post("/auth/break-glass", ctx -> signIn.breakGlass(ctx, templates));
            cfg.routes.post("/auth/signout", signIn::signOut);

            cfg.routes.get("/", ctx -> ctx.html(render(templates, "overview.jte", pages.overview(session(ctx)))));
            cfg.routes.get("/documents", ctx -> ctx.html(render(templates, "documents.jte", pages.documents(session(ctx), ctx))));
            cfg.routes.get("/documents/{id}", ctx -> ctx.html(render(templates, "document.jte",
                    pages.document(session(ctx), ctx.pathParam("id")))));
            cfg.routes.get("/messages", ctx -> ctx.html(render(templates, "messages.jte", pages.messages(session(ctx), ctx))));
            cfg.routes.get("/messages/{integration}/{key}", ctx -> ctx.html(render(templates, "message.jte",
                    pages.message(session(ctx), ctx.pathParam("integration"), ctx.pathParam("key")))));
            cfg.routes.get("/messages/{integration}/{key}/raw", ctx -> pages.raw(ctx));
            cfg.routes.get("/order", ctx -> ctx.html(render(templates, "order.jte",
                    pages.order(session(ctx), ctx.queryParam("number")))));
            cfg.routes.get("/configuration", ctx -> ctx.html(render(templates, "configuration.jte",
                    pages.configuration(session(ctx)))));

            AuditPage audit = new AuditPage(services, clock);
            cfg.routes.get("/audit", ctx -> ctx.html(render(templates, "audit.jte", audit.page(session(ctx), ctx))));
            cfg.routes.get("/audit/export", audit::export);
            cfg.routes.post("/audit/verify", audit::verify);

            Actions actions = new Actions(services);
            cfg.routes.post("/documents/{id}/resolve", ctx -> actions.resolve(ctx, operator(ctx)));
            cfg.routes.post("/documents/{id}/retry", ctx -> actions.retry(ctx, operator(ctx)));
            cfg.routes.post("/documents/{id}/discard", ctx -> actions.discard(ctx, operator(ctx)));
            cfg.routes.post("/messages/{integration}/{key}/redeliver", ctx -> actions.redeliver(ctx, operator(ctx)));
            cfg.routes.post("/messages/{integration}/{key}/discard", ctx -> actions.discardMessage(ctx, operator(ctx)));
        });
        javalin.start();
        ConsoleServer server = new ConsoleServer(javalin, breakGlass, host);
        LOG.info("console listening on {}", server.baseUri());
        return server;
    }

    /** {@code http://host:port}, with the port actually bound. */
    public URI baseUri() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + javalin.port());
    }

    /** Where the one-time break-glass token was written, when one was. */
    public Optional<Path> breakGlassFile() {
        return breakGlass.map(BreakGlass::file);
    }

    @Override
    public void close() {
        javalin.stop();
    }

    static Session session(Context ctx) {
        Session session = ctx.attribute("session");
        if (session == null) {
            throw new Refused(401, "Sign in first.");
        }
        return session;
    }

    /** The signed-in person, who must hold the operator role: a viewer's forged POST ends here. */
    private static Session operator(Context ctx) {
        Session session = session(ctx);
        OperatorIdentity identity = session.identity;
        if (!identity.may(OperatorRole.OPERATOR)) {
            LOG.warn("console: refused {} {} by {}: not an operator", ctx.method(), ctx.path(), identity.actor());
            throw new Refused(403, "Actions need the operator role; you are signed in as a viewer.");
        }
        return session;
    }

    private static boolean validCsrf(Session session, String given) {
        return given != null && MessageDigest.isEqual(session.csrf.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    private static void staticFile(Context ctx) {
        String type = STATIC_TYPES.get(ctx.path());
        if (type == null) {
            throw new Refused(404, "No such file.");
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream(ctx.path().substring(1))) {
            ctx.contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(TemplateEngine templates, String name, Map<String, Object> parameters) {
        StringOutput out = new StringOutput();
        templates.render(name, parameters, out);
        return out.toString();
    }
}
