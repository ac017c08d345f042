package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.validation.DocumentValidator;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's simulated partners write documents the way Jakamo's would; they must pass the connector's own
 * pre-flight validation with no ERROR, or the sandbox would teach users documents Jakamo refuses. (In app's tests,
 * in the sandbox's package, because the sandbox module may use no other project class.)
 */
class SandboxSamplesValidationTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private final DocumentValidator validator = new DocumentValidator(new DocumentReader());

    private void noErrors(byte[] document) {
        assertThat(validator.validate(document).errors()).as(new String(document, StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theCustomersSalesOrdersAndChangesHaveNoErrors() {
        noErrors(Documents.salesOrder("CUST-1", false, TODAY));
        noErrors(Documents.salesOrder("CUST-1", true, TODAY));
    }

    @Test
    void theSuppliersOrderResponsesHaveNoErrors() throws Exception {
        byte[] order = io.jakamoconnector.domain.testing.Documents.order("PO-1").getBytes(StandardCharsets.UTF_8);
        for (SupplierReply reply : SupplierReply.values()) {
            noErrors(Documents.orderResponse(Xml.parse(order), "PO-1", "SO-1", reply, 7, TODAY));
            noErrors(Documents.orderResponse(Xml.parse(Documents.salesOrder("CUST-1", false, TODAY)), "CUST-1",
                    "SO-2", reply, 7, TODAY));
        }
    }
}
