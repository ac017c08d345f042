package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Offers the core what the ERP posted, from the spool, oldest first; archiving keeps the document with the verdict, so
 * the status call can still answer. A document never changes once accepted (the same Idempotency-Key with another
 * body is refused), but the spool keeps the rule of {@link #archiveIfUnchanged} all the same.
 */
public final class HttpErpOutboxAdapter implements ErpOutboxPort {
    private final Spools spools;
    private final Clock clock;

    HttpErpOutboxAdapter(Spools spools, Clock clock) {
        this.spools = spools;
        this.clock = clock;
    }

    @Override
    public List<ErpFile> pickUp(IntegrationName integration, int max) {
        DocumentSpool spool = spools.spool(integration);
        try {
            List<ErpFile> files = new ArrayList<>();
            for (DocumentSpool.Waiting w : spool.oldest(max)) {
                files.add(file(w.spooled(), w.bytes()));
            }
            return files;
        } catch (IOException e) {
            throw AccessFailures.of("read the spool of integration " + integration, e);
        }
    }

    private static ErpFile file(DocumentSpool.Spooled s, byte[] bytes) {
        ErpDocumentRef ref = new ErpDocumentRef(s.name());
        return s.attachmentFor().isPresent()
                ? ErpFile.attachment(ref, s.name(), bytes, s.attachmentFor())
                : ErpFile.document(ref, s.name(), bytes);
    }

    @Override
    public void archive(IntegrationName integration, ErpDocumentRef ref, ArchiveVerdict verdict) {
        archive(integration, ref, Optional.empty(), verdict);
    }

    @Override
    public boolean archiveIfUnchanged(IntegrationName integration, ErpDocumentRef ref, Sha256 read,
                                      ArchiveVerdict verdict) {
        return archive(integration, ref, Optional.of(read), verdict);
    }

    private boolean archive(IntegrationName integration, ErpDocumentRef ref, Optional<Sha256> read,
                            ArchiveVerdict verdict) {
        DocumentSpool spool = spools.spool(integration);
        if (!Spools.NAME.matcher(ref.value()).matches()) {
            return true; // never a name of this spool, so nothing of it waits here
        }
        try {
            return spool.archive(ref.value(), read, verdict, clock.instant());
        } catch (IOException e) {
            throw AccessFailures.of("archive " + ref + " of integration " + integration, e);
        }
    }

    /** The failed document as the spool kept it: a document here cannot be corrected in place. */
    @Override
    public List<ErpFile> inFailed(IntegrationName integration, ErpDocumentRef ref) {
        DocumentSpool spool = spools.spool(integration);
        try {
            List<ErpFile> out = new ArrayList<>();
            for (DocumentSpool.Spooled s : spool.archivedEntries()) {
                if (s.name().equals(ref.value()) && s.verdict().orElse(null) instanceof ArchiveVerdict.Failed) {
                    byte[] bytes = EntryFiles.read(spool.archivedFile(s)).body();
                    out.add(file(s, bytes));
                }
            }
            return out;
        } catch (IOException e) {
            throw AccessFailures.of("read the archived documents of integration " + integration, e);
        }
    }

    /** What a test of the contract (or the API) hands over: the ERP's document under {@code name}. */
    void drop(IntegrationName integration, String name, byte[] bytes,
              Optional<io.jakamoconnector.domain.model.document.BusinessKey> attachmentFor) {
        try {
            spools.spool(integration).put(Spools.checkedName(name), bytes, clock.instant(), attachmentFor);
        } catch (IOException e) {
            throw AccessFailures.of("keep a document of integration " + integration, e);
        }
    }

}
