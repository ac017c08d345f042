package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.adapter.erpfolder.FolderErpSettings;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.ErpConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.config.PollingConfig;
import io.jakamoconnector.app.config.SecretReference;
import io.jakamoconnector.app.config.ServiceConfig;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.HandOverJudge;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryMessageQueries;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the application gives an ERP side: its own directory, the audit trail, the pick-up's judge, the records. */
class ConnectorErpContextIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");

    @TempDir
    Path base;

    private final Clock clock = Clock.systemUTC();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(clock);
    private final InMemorySyncState store = new InMemorySyncState();

    private IntegrationConfig integration(IntegrationName name, IntegrationKind kind, ValidationMode validation) {
        return new IntegrationConfig(name, kind, Environment.demo(), new ClientId("3f0c2a9e-0000-4000-8000-00000000000a"),
                Optional.of(new SecretReference(SecretReference.Kind.ENV, "S")), Optional.empty(),
                new ErpConfig("http", FolderErpSettings.under(base.resolve("erp/" + name))), PollingConfig.defaults(),
                Optional.empty(), validation);
    }

    private ConnectorErpContext context() {
        ConnectorConfig config = new ConnectorConfig("test", "node-7", base.resolve("data"), Optional.empty(),
                Optional.empty(), List.of(integration(ORDERS, IntegrationKind.PURCHASE_ORDERS, ValidationMode.ENFORCE),
                integration(CLAIMS, IntegrationKind.CLAIMS, ValidationMode.OFF)), ServiceConfig.defaults());
        return new ConnectorErpContext("http", config, clock, () -> "0123456789abcdef0123456789abcdef",
                new AuditWriter(trail, clock, "node-7"), new HandOverJudge(new DocumentReader()),
                () -> new InMemoryMessageQueries(store));
    }

    @Test
    void theStateDirectoryIsTheTypesOwnBelowTheDataDirectoryOnlyTheServiceUserMayEnter() throws IOException {
        Path dir = context().stateDirectory();

        assertThat(dir).isEqualTo(base.resolve("data/erp/http")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void judgesWithTheIntegrationsOwnKindAndValidation() {
        byte[] order = Documents.order("PO-1").getBytes(StandardCharsets.UTF_8);

        assertThat(context().judge(ORDERS, order)).isInstanceOf(HandOverVerdict.Acceptable.class);
        assertThat(context().judge(CLAIMS, order)).isInstanceOfSatisfying(HandOverVerdict.Refused.class,
                r -> assertThat(r.reason()).contains("a claims integration does not send Order documents"));
        assertThatThrownBy(() -> context().judge(new IntegrationName("nowhere"), order))
                .isInstanceOf(ErpAccessException.class).hasMessageContaining("nowhere is not configured");
    }

    @Test
    void auditsStampedWithTheNodeAndFindsWhatTheSideHandedOverByItsReference() {
        ConnectorErpContext context = context();
        context.audit(AuditEvent.builder(AuditAction.ERP_CALL_SERVED, AuditOutcome.OK).integration(ORDERS)
                .actor("key:k1").reason("POST documents"));
        assertThat(trail.events()).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("node-7");
            assertThat(e.actor()).isEqualTo("key:k1");
        });

        ErpDocumentRef ref = new ErpDocumentRef("api-1");
        store.registerOutbound(ORDERS, new OutgoingDocument(ref, new DocumentReader().readDocument(
                Documents.order("PO-2").getBytes(StandardCharsets.UTF_8)), "PO-2.xml"), Optional.empty(),
                clock.instant());
        assertThat(context.document(ORDERS, ref)).hasValueSatisfying(r -> assertThat(r.ref()).isEqualTo(ref));
        assertThat(context.document(CLAIMS, ref)).isEmpty();
    }
}
