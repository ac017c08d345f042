package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import java.util.Optional;

/**
 * A complete file the ERP handed over, read exactly once.
 *
 * @param attachmentFor for a file meant as an attachment, the order it belongs to; empty for an XML document
 * @param noOrderAdvice for an attachment that names no order, how the ERP names one in this outbox (a rename, a
 *                      sidecar file), said to a person; only the outbox knows its naming rules. Blank otherwise
 */
public record ErpFile(ErpDocumentRef ref, String fileName, byte[] bytes, Optional<BusinessKey> attachmentFor,
                      boolean attachment, String noOrderAdvice) {
    /** What an attachment that names no order is told when its outbox gave no advice of its own. */
    public static final String GENERIC_NO_ORDER_ADVICE =
            "name the order the attachment belongs to, then drop it into the attachments folder again";

    public ErpFile {
        Check.notNull("erpFile.ref", ref);
        Check.notBlank("erpFile.fileName", fileName);
        Check.notNull("erpFile.bytes", bytes);
        Check.notNull("erpFile.attachmentFor", attachmentFor);
        Check.notNull("erpFile.noOrderAdvice", noOrderAdvice);
    }

    public static ErpFile document(ErpDocumentRef ref, String fileName, byte[] bytes) {
        return new ErpFile(ref, fileName, bytes, Optional.empty(), false, "");
    }

    public static ErpFile attachment(ErpDocumentRef ref, String fileName, byte[] bytes, Optional<BusinessKey> order) {
        return attachment(ref, fileName, bytes, order, GENERIC_NO_ORDER_ADVICE);
    }

    public static ErpFile attachment(ErpDocumentRef ref, String fileName, byte[] bytes, Optional<BusinessKey> order,
                                     String noOrderAdvice) {
        return new ErpFile(ref, fileName, bytes, order, true, noOrderAdvice);
    }
}
