package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import java.nio.charset.StandardCharsets;

/** Outgoing documents as the core hands them over: read once by the domain's reader, exact bytes kept. */
final class OutboundExchangeITDocuments {
    private OutboundExchangeITDocuments() {
    }

    static OutgoingDocument of(Testbed bed, String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        return new OutgoingDocument(new ErpDocumentRef("doc.xml"), bed.reader.readDocument(bytes), "doc.xml");
    }

    static OutgoingDocument attachment(String orderNumber) {
        Document file = new Document(DocumentType.ATTACHMENT, new BusinessKey(orderNumber),
                "%PDF-1.4 sandbox".getBytes(StandardCharsets.US_ASCII));
        return new OutgoingDocument(new ErpDocumentRef(orderNumber + "_spec.pdf"), file, "spec.pdf");
    }
}
