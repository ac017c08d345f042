package io.jakamoconnector.adapter.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads back what {@link JdbiAuditTrailAdapter#export} wrote. */
public final class AuditExportFile {
    private AuditExportFile() {
    }

    /**
     * The signed checkpoint on the export's last line (the whole chain's head when the export began, whatever the
     * export's filter); empty when the last line is not one, i.e. the file is not a complete export.
     */
    public static Optional<AuditCheckpoint> checkpoint(Path export) throws IOException {
        return CheckpointLines.last(export);
    }
}
