package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import java.util.Optional;

/**
 * A complete file the ERP handed over, read exactly once.
 *
 * @param attachmentFor for a file meant as an attachment, the order it belongs to; empty for an XML document
 */
public record ErpFile(ErpDocumentRef ref, String fileName, byte[] bytes, Optional<BusinessKey> attachmentFor,
                      boolean attachment) {
    public ErpFile {
        Check.notNull("erpFile.ref", ref);
        Check.notBlank("erpFile.fileName", fileName);
        Check.notNull("erpFile.bytes", bytes);
        Check.notNull("erpFile.attachmentFor", attachmentFor);
    }

    public static ErpFile document(ErpDocumentRef ref, String fileName, byte[] bytes) {
        return new ErpFile(ref, fileName, bytes, Optional.empty(), false);
    }

    public static ErpFile attachment(ErpDocumentRef ref, String fileName, byte[] bytes, Optional<BusinessKey> order) {
        return new ErpFile(ref, fileName, bytes, order, true);
    }
}
