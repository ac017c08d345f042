package io.jakamoconnector.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The fake Jakamo API's routing and gates: section 2 of the API notes, with the sandbox's choices where the real API
 * is undocumented (claim paths, ack URL shape, success bodies; see the README). It picks the endpoint, checks method,
 * role and integration kind, and hands the call to {@link QueueEndpoints} or {@link DocumentEndpoints}; it also writes
 * the API's fault answers. Every call under {@code /api} is authenticated before a fault may strike, so queue readers
 * are counted per integration even while a latency fault holds them.
 */
final class JakamoEndpoints implements Dispatcher.Router, Dispatcher.FaultReplies {
    private static final Set<IntegrationKind> PURCHASE = Set.of(IntegrationKind.PURCHASE_ORDERS);
    private static final Set<IntegrationKind> SALES = Set.of(IntegrationKind.SALES_ORDERS);
    private static final Set<IntegrationKind> ORDERS = Set.of(IntegrationKind.PURCHASE_ORDERS, IntegrationKind.SALES_ORDERS);
    private static final Set<IntegrationKind> CLAIMS = Set.of(IntegrationKind.CLAIMS);

    /** An endpoint's work once the caller is known to hold the role and the integration is of the right kind. */
    private interface Handler {
        Reply handle(Call call, Registry.IntegrationState integration) throws Rejection;
    }

    private final Registry registry;
    private final ApiVariants variants;
    private final QueueEndpoints queue;
    private final DocumentEndpoints documents;
    private final ApiAuth auth;
    private final ControlApi control;

    JakamoEndpoints(FakeJakamo jakamo, Registry registry, Journal journal, Clock clock, ApiAuth auth, ControlApi control) {
        this.registry = registry;
        this.variants = jakamo.variants();
        this.queue = new QueueEndpoints(registry, journal, variants, clock);
        this.documents = new DocumentEndpoints(registry, journal, variants, jakamo.partners());
        this.auth = auth;
        this.control = control;
    }

    @Override
    public Dispatcher.Route route(Call call) {
        List<String> s = call.segments();
        if (!s.isEmpty() && s.get(0).equals("_sandbox") && control != null) {
            return new Dispatcher.Route(Endpoint.CONTROL, control::handle);
        }
        if (s.size() < 2 || !s.get(0).equals("api")) {
            return unknown();
        }
        String m = call.method;
        String area = s.get(1);
        int n = s.size();
        Dispatcher.Route route;
        if (area.equals("order")) {
            if (n == 2) {
                route = only(call, "POST", Endpoint.ORDER_POST, PermissionCategory.ORDERS, true, PURCHASE, documents::postOrder);
            } else if (n == 3 && s.get(2).equals("response")) {
                route = only(call, "GET", Endpoint.QUEUE_READ, PermissionCategory.ORDERS, false, ORDERS, (c, i) -> queue.readQueue(c, i, false));
            } else if (n == 4 && s.get(2).equals("response")) {
                route = only(call, "POST", Endpoint.QUEUE_ACK, PermissionCategory.ORDERS, false, ORDERS, (c, i) -> queue.ack(c, i, s.get(3)));
            } else if (n == 3) {
                route = change(call, Endpoint.ORDER_CHANGE, PermissionCategory.ORDERS, ORDERS, (c, i) -> documents.changeOrder(c, i, s.get(2)));
            } else if (n == 4 && s.get(3).equals("attachment")) {
                route = only(call, "POST", Endpoint.ATTACHMENT_UPLOAD, PermissionCategory.ORDERS, true, ORDERS,
                        (c, i) -> documents.uploadAttachment(c, i, s.get(2)));
            } else if (n == 4 && s.get(3).equals("confirm")) {
                route = only(call, "POST", Endpoint.CONFIRM_ALL, PermissionCategory.ORDERS, true, SALES, (c, i) -> documents.confirmAll(c, i, s.get(2)));
            } else {
                return unknown();
            }
        } else if (area.equals("orderresponse") && n == 2) {
            route = only(call, "POST", Endpoint.ORDER_RESPONSE_POST, PermissionCategory.ORDERS, true, SALES, documents::postOrderResponse);
        } else if (area.equals("attachment") && n == 3) {
            route = only(call, "GET", Endpoint.ATTACHMENT_DOWNLOAD, PermissionCategory.ORDERS, false, ORDERS,
                    (c, i) -> documents.downloadAttachment(c, i, s.get(2)));
        } else if (area.equals("mappedcompanies") && n == 2) {
            route = only(call, "GET", Endpoint.MAPPED_COMPANIES, PermissionCategory.ORDERS, false, ORDERS, (c, i) -> DocumentEndpoints.mappedCompanies());
        } else if (area.equals("claim")) {
            if (n == 2) {
                route = only(call, "POST", Endpoint.CLAIM_POST, PermissionCategory.CLAIMS, true, CLAIMS, documents::postClaim);
            } else if (n == 3 && s.get(2).equals("response")) {
                route = only(call, "GET", Endpoint.CLAIM_QUEUE_READ, PermissionCategory.CLAIMS, false, CLAIMS, (c, i) -> queue.readQueue(c, i, true));
            } else if (n == 4 && s.get(2).equals("response")) {
                route = only(call, "POST", Endpoint.CLAIM_QUEUE_ACK, PermissionCategory.CLAIMS, false, CLAIMS, (c, i) -> queue.ack(c, i, s.get(3)));
            } else if (n == 3) {
                route = change(call, Endpoint.CLAIM_CHANGE, PermissionCategory.CLAIMS, CLAIMS, (c, i) -> documents.changeClaim(c, i, s.get(2)));
            } else {
                return unknown();
            }
        } else {
            return unknown();
        }
        auth.authenticate(call);
        return route;
    }

    private Dispatcher.Route unknown() {
        return new Dispatcher.Route(Endpoint.UNKNOWN, c -> {
            c.detail = "no such endpoint";
            return variants.unknownPathAnswer() == UnknownPathAnswer.EMPTY_404 ? Reply.empty(404)
                    : Reply.errors(404, "No HTTP resource was found that matches the request URI.");
        });
    }

    private Dispatcher.Route only(Call call, String method, Endpoint endpoint, PermissionCategory category, boolean write,
            Set<IntegrationKind> kinds, Handler handler) {
        if (!method.equals(call.method)) {
            return notAllowed(endpoint, method);
        }
        return secured(endpoint, category, write, kinds, handler);
    }

    /** {@code /api/order/{id}} and {@code /api/claim/{id}}: PUT or POST, as the change-verb switch allows. */
    private Dispatcher.Route change(Call call, Endpoint endpoint, PermissionCategory category, Set<IntegrationKind> kinds, Handler handler) {
        ChangeVerb verb = variants.changeVerb();
        boolean put = call.method.equals("PUT");
        boolean post = call.method.equals("POST");
        if (verb == ChangeVerb.PUT_ONLY && !put) {
            return notAllowed(endpoint, "PUT");
        }
        if (verb == ChangeVerb.POST_ONLY && !post) {
            return notAllowed(endpoint, "POST");
        }
        if (!put && !post) {
            return notAllowed(endpoint, "PUT, POST");
        }
        return secured(endpoint, category, true, kinds, handler);
    }

    private static Dispatcher.Route notAllowed(Endpoint endpoint, String allowed) {
        return new Dispatcher.Route(endpoint, c -> {
            c.detail = "method not allowed";
            return Reply.errors(405, "The requested resource does not support http method '" + c.method + "'.")
                    .withHeader("Allow", allowed);
        });
    }

    private Dispatcher.Route secured(Endpoint endpoint, PermissionCategory category, boolean write, Set<IntegrationKind> kinds,
            Handler handler) {
        return new Dispatcher.Route(endpoint, call -> {
            if (call.authFailure != null) {
                return call.authFailure;
            }
            String role = write ? category.writeRole() : category.readRole();
            if (!call.principal.roles().contains(role)) {
                call.detail = "missing role " + role;
                return Reply.errors(403, "The application lacks the permission " + role + " that "
                        + call.method + " " + call.path() + " needs.");
            }
            Registry.IntegrationState integration;
            synchronized (registry) {
                integration = registry.integrations.get(call.integration);
            }
            if (integration == null) {
                call.detail = "integration missing";
                return Reply.errors(403, "The integration " + call.integration + " does not exist.");
            }
            if (!kinds.contains(integration.kind)) {
                call.detail = "wrong integration kind";
                return Reply.errors(403, "The integration " + integration.name + " is a " + integration.kind.configName()
                        + " integration; " + call.method + " " + call.path() + " is not available to it.");
            }
            try {
                return handler.handle(call, integration);
            } catch (Rejection rejection) {
                call.detail = rejection.getMessage();
                return rejection.reply();
            }
        });
    }

    @Override
    public Reply tooManyRequests(Call call, int retryAfterSeconds) {
        Reply reply = Reply.errors(429, "Too many requests. Try again later.");
        return retryAfterSeconds > 0 ? reply.withHeader("Retry-After", Integer.toString(retryAfterSeconds)) : reply;
    }

    /** 500 comes from the application (XML); other 5xx from the gateway in front of it (HTML), as in real life. */
    @Override
    public Reply serverError(Call call, int status, int retryAfterSeconds) {
        Reply reply = status == 500
                ? Reply.errors(500, "An error has occurred.")
                : Reply.of(status, "text/html; charset=utf-8", ("<html><head><title>" + status + "</title></head><body><h1>"
                        + status + " " + reason(status) + "</h1></body></html>\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return retryAfterSeconds > 0 ? reply.withHeader("Retry-After", Integer.toString(retryAfterSeconds)) : reply;
    }

    private static String reason(int status) {
        return switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Server Error";
        };
    }
}
