package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import io.jakamoconnector.domain.testing.ErpOutboxPortContract;
import io.jakamoconnector.domain.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The contract over real folders; files are dropped complete, with a .done marker, each a second newer. */
class FileSystemErpOutboxAdapterContractIT extends ErpOutboxPortContract {
    @TempDir
    Path base;
    private ErpFolderTrees trees;
    private Instant nextModified = Instant.parse("2026-11-29T09:00:00Z");

    @Override
    protected ErpOutboxPort newOutbox() {
        MutableClock clock = MutableClock.at("2026-11-29T10:00:00Z");
        trees = new ErpFolderTrees(ErpFolderTrees.underOneBase(base, Set.of(ORDERS, CLAIMS)), clock);
        trees.start();
        return new FileSystemErpOutboxAdapter(trees, ErpOutboxSettings.defaults(), clock);
    }

    @Override
    protected void drop(IntegrationName integration, String fileName, byte[] bytes) {
        Drops.withMarker(trees.folders(integration).toJakamoDir().resolve(fileName), bytes, next());
    }

    @Override
    protected void dropAttachment(IntegrationName integration, String order, String fileName, byte[] bytes) {
        Drops.withMarker(trees.folders(integration).attachmentsDir().resolve(order + "_" + fileName), bytes, next());
    }

    private Instant next() {
        nextModified = nextModified.plusSeconds(1);
        return nextModified;
    }
}
