package io.jakamoconnector.sandbox;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state both fakes share: applications on the Entra side, integrations with their queues on the Jakamo
 * side. Every access holds this object's monitor; nothing slow (I/O, sleeping, signing) happens under it.
 */
final class Registry {
    final Map<String, App> apps = new LinkedHashMap<>();
    final Map<String, IntegrationState> integrations = new LinkedHashMap<>();
    final Map<String, StoredAttachment> attachments = new LinkedHashMap<>();
    /** People who can sign in on the authorize page, by user name. */
    final Map<String, SignInUser> users = new LinkedHashMap<>();
    /** Authorization codes issued and not yet redeemed, by code. */
    final Map<String, SignInCodes.Pending> codes = new LinkedHashMap<>();

    /** An application registration with its credentials (never shown in a snapshot beyond the first). */
    static final class App {
        final String clientId;
        final String objectId;
        final String displayName;
        final PermissionCategory category;
        final boolean read;
        final boolean write;
        final List<Secret> secrets = new ArrayList<>();
        final List<X509Certificate> certificates = new ArrayList<>();
        /** Where the authorize endpoint may send a person back with a code (exact match, as Entra). */
        final List<String> redirectUris = new ArrayList<>();
        Instant approvedAt;
        Duration activationDelay;
        String integration;

        App(String clientId, String objectId, String displayName, PermissionCategory category, boolean read, boolean write) {
            this.clientId = clientId;
            this.objectId = objectId;
            this.displayName = displayName;
            this.category = category;
            this.read = read;
            this.write = write;
        }

        List<String> roles() {
            List<String> roles = new ArrayList<>();
            if (read) {
                roles.add(category.readRole());
            }
            if (write) {
                roles.add(category.writeRole());
            }
            return roles;
        }

        Duration effectiveActivationDelay(Duration sandboxDefault) {
            return activationDelay != null ? activationDelay : sandboxDefault;
        }

        boolean active(Instant now, Duration sandboxDefault) {
            return approvedAt != null && !now.isBefore(approvedAt.plus(effectiveActivationDelay(sandboxDefault)));
        }

        AppRegistration snapshot(String shownSecret, Duration sandboxDefault) {
            Instant secretExpiry = secrets.isEmpty() ? null : secrets.get(secrets.size() - 1).expiresAt();
            return new AppRegistration(clientId, displayName, category, roles(), shownSecret, secretExpiry, integration,
                    approvedAt, effectiveActivationDelay(sandboxDefault), certificates.size());
        }
    }

    record Secret(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Secret[***, expiresAt=" + expiresAt + "]";
        }
    }

    static final class IntegrationState {
        final String name;
        final IntegrationKind kind;
        String basicUser;
        String basicPassword;
        boolean basicAllowed;
        final Deque<StoredMessage> queue = new ArrayDeque<>();
        final Map<String, StoredMessage> cleared = new LinkedHashMap<>();
        /**
         * Order (or claim) numbers this integration knows, with the latest full document for each: posted by it
         * (Order, OrderChange, Claim, ClaimChange), or placed on its queue as sales orders.
         */
        final Map<String, byte[]> documents = new LinkedHashMap<>();

        IntegrationState(String name, IntegrationKind kind) {
            this.name = name;
            this.kind = kind;
        }

        Integration snapshot(List<String> mappedClientIds) {
            return new Integration(name, kind, basicUser, basicAllowed, mappedClientIds, queue.size());
        }
    }

    static final class StoredMessage {
        final String id;
        final String integration;
        final String rootElement;
        final String documentNumber;
        final byte[] body;
        final Instant enqueuedAt;
        final boolean salesOrder;
        int deliveries;

        StoredMessage(String id, String integration, String rootElement, String documentNumber, byte[] body,
                Instant enqueuedAt, boolean salesOrder) {
            this.id = id;
            this.integration = integration;
            this.rootElement = rootElement;
            this.documentNumber = documentNumber;
            this.body = body;
            this.enqueuedAt = enqueuedAt;
            this.salesOrder = salesOrder;
        }

        QueueMessage snapshot() {
            return new QueueMessage(id, integration, rootElement, documentNumber, body, enqueuedAt, deliveries);
        }
    }

    record StoredAttachment(String id, String integration, String orderNumber, String fileName, byte[] content) {
    }

    List<String> mappedClientIds(String integration) {
        return apps.values().stream().filter(a -> integration.equals(a.integration)).map(a -> a.clientId).toList();
    }
}
