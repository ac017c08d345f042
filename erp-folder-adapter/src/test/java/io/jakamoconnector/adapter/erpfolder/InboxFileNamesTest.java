package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.sync.DedupKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboxFileNamesTest {
    private static final DedupKey KEY = new DedupKey("3fa2c4d5e6f7" + "0".repeat(52));
    private static final DedupKey OTHER = new DedupKey("99a2c4d5e6f7" + "0".repeat(52));

    private static Document doc(DocumentType type, String key) {
        return new Document(type, key == null ? null : new BusinessKey(key), new byte[] {1});
    }

    @Test
    void a_document_is_named_by_type_business_key_and_the_messages_key() {
        assertThat(InboxFileNames.document(doc(DocumentType.ORDER_RESPONSE, "PO-1001"), KEY))
                .isEqualTo("OrderResponse-PO-1001-3fa2c4d5e6f7.xml");
        assertThat(InboxFileNames.document(doc(DocumentType.STATUS_MESSAGE, "PO-1001"), KEY))
                .isEqualTo("StatusMessage-PO-1001-3fa2c4d5e6f7.xml");
    }

    @Test
    void two_messages_for_one_order_get_two_names() {
        Document d = doc(DocumentType.ORDER_RESPONSE, "PO-1001");
        assertThat(InboxFileNames.document(d, KEY)).isNotEqualTo(InboxFileNames.document(d, OTHER));
    }

    @Test
    void without_a_business_key_the_part_is_left_out() {
        assertThat(InboxFileNames.document(doc(DocumentType.STATUS_MESSAGE, null), KEY))
                .isEqualTo("StatusMessage-3fa2c4d5e6f7.xml");
    }

    @Test
    void an_order_number_cannot_smuggle_a_path_a_hidden_name_or_an_option() {
        assertThat(InboxFileNames.document(doc(DocumentType.ORDER_RESPONSE, "../../etc/passwd"), KEY))
                .isEqualTo("OrderResponse-_.._etc_passwd-3fa2c4d5e6f7.xml");
        assertThat(InboxFileNames.safe(".hidden", 80)).isEqualTo("hidden");
        assertThat(InboxFileNames.safe("-rf", 80)).isEqualTo("rf");
        assertThat(InboxFileNames.safe("PO 1/2\\3:ä", 80)).isEqualTo("PO_1_2_3__");
        assertThat(InboxFileNames.safe("trailing...", 80)).isEqualTo("trailing");
    }

    @Test
    void a_long_order_number_is_cut_so_the_name_stays_short() {
        String name = InboxFileNames.document(doc(DocumentType.ORDER_RESPONSE, "X".repeat(200)), KEY);
        assertThat(name).hasSize("OrderResponse-".length() + InboxFileNames.MAX_KEY_LENGTH
                + "-3fa2c4d5e6f7.xml".length());
    }

    @Test
    void an_attachment_keeps_its_name_and_extension_and_gets_the_key_before_the_extension() {
        assertThat(InboxFileNames.attachment(Optional.of(new BusinessKey("PO-1001")), "drawing.pdf", KEY))
                .isEqualTo("Attachment-PO-1001-drawing-3fa2c4d5e6f7.pdf");
        assertThat(InboxFileNames.attachment(Optional.of(new BusinessKey("PO-1001")), "report.final.XLSX", KEY))
                .isEqualTo("Attachment-PO-1001-report.final-3fa2c4d5e6f7.XLSX");
    }

    @Test
    void an_attachments_name_from_jakamo_is_untrusted() {
        assertThat(InboxFileNames.attachment(Optional.empty(), "../../../root/.ssh/authorized_keys", KEY))
                .isEqualTo("Attachment-authorized_keys-3fa2c4d5e6f7");
        assertThat(InboxFileNames.attachment(Optional.empty(), "C:\\Users\\x\\evil.exe", KEY))
                .isEqualTo("Attachment-evil-3fa2c4d5e6f7.exe");
        assertThat(InboxFileNames.attachment(Optional.empty(), ".bashrc", KEY))
                .isEqualTo("Attachment-bashrc-3fa2c4d5e6f7");
        assertThat(InboxFileNames.attachment(Optional.empty(), "weird.ext with space", KEY))
                .isEqualTo("Attachment-weird.ext_with_space-3fa2c4d5e6f7");
        assertThat(InboxFileNames.attachment(Optional.empty(), "   ", KEY)).isEqualTo("Attachment-3fa2c4d5e6f7");
    }

    @Test
    void an_attachment_without_its_original_name_is_a_bin_file() {
        assertThat(InboxFileNames.document(doc(DocumentType.ATTACHMENT, "PO-1"), KEY))
                .isEqualTo("Attachment-PO-1-3fa2c4d5e6f7.bin");
    }
}
