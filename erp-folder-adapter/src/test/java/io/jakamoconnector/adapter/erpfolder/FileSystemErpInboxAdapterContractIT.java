package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.testing.ErpInboxPortContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

class FileSystemErpInboxAdapterContractIT extends ErpInboxPortContract {
    @TempDir
    Path base;
    private ErpFolderTrees trees;

    @Override
    protected ErpInboxPort newInbox() {
        trees = new ErpFolderTrees(ErpFolderTrees.underOneBase(base, Set.of(ORDERS, CLAIMS)), Clock.systemUTC());
        trees.start();
        return new FileSystemErpInboxAdapter(trees);
    }

    @Override
    protected Optional<byte[]> delivered(IntegrationName integration, String name) {
        Path file = trees.folders(integration).fromJakamoDir().resolve(name);
        return Files.isRegularFile(file) ? Optional.of(Drops.read(file)) : Optional.empty();
    }

    @Override
    protected int deliveredCount(IntegrationName integration) {
        // what an ERP sees: every entry, hidden ones included, so a leftover temp file would count too
        return Drops.names(trees.folders(integration).fromJakamoDir()).size();
    }

    @Override
    protected void takeAway(IntegrationName integration, String name) {
        try {
            Files.delete(trees.folders(integration).fromJakamoDir().resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
