package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.erpfolder.AttachmentNaming;
import io.jakamoconnector.adapter.erpfolder.ErpFolderTrees;
import io.jakamoconnector.adapter.erpfolder.ErpFolders;
import io.jakamoconnector.adapter.erpfolder.ErpOutboxSettings;
import io.jakamoconnector.adapter.erpfolder.FileSystemErpInboxAdapter;
import io.jakamoconnector.adapter.erpfolder.FileSystemErpOutboxAdapter;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.FolderOptions;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ERP drop folders: one tree per integration. The lifecycle's start creates missing folders and proves each
 * writable. Each integration's pick-up rules (stability time, attachment naming) are its own: one outbox adapter per
 * integration over the shared trees.
 */
public final class ErpFolderModule extends AbstractModule {

    @Provides
    @Singleton
    ErpFolderTrees trees(ConnectorConfig config, Clock clock, Lifecycle lifecycle, PersistenceResource persistence) {
        Map<IntegrationName, ErpFolders> trees = new LinkedHashMap<>();
        for (IntegrationConfig integration : config.integrations()) {
            FolderOptions options = integration.folderOptions();
            trees.put(integration.name(), new ErpFolders(integration.folderRoot(), options.toJakamo(),
                    options.fromJakamo(), options.processed(), options.failed()));
        }
        ErpFolderTrees folderTrees = new ErpFolderTrees(trees, clock);
        // persistence is a parameter so the lifecycle starts the database first: the claim needs its installation id
        lifecycle.add(Lifecycle.Resource.of(() -> {
            folderTrees.start();
            folderTrees.claim(persistence.database().installationId(), config.node());
        }, () -> { }));
        return folderTrees;
    }

    @Provides
    @Singleton
    ErpInboxPort inbox(ErpFolderTrees trees) {
        return new FileSystemErpInboxAdapter(trees);
    }

    @Provides
    @Singleton
    ErpOutboxPort outbox(ErpFolderTrees trees, ConnectorConfig config, Clock clock) {
        Map<IntegrationName, ErpOutboxPort> byIntegration = new LinkedHashMap<>();
        for (IntegrationConfig integration : config.integrations()) {
            byIntegration.put(integration.name(), new FileSystemErpOutboxAdapter(trees,
                    settings(integration.folderOptions()), clock));
        }
        return new PerIntegrationErpOutbox(byIntegration);
    }

    static ErpOutboxSettings settings(FolderOptions options) {
        return ErpOutboxSettings.defaults().withStableFor(options.stableFor())
                .withAttachmentNaming(AttachmentNaming.valueOf(options.attachmentNaming().name()));
    }
}
