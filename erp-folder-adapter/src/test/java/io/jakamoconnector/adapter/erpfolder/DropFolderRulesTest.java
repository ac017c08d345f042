package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.BusinessKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DropFolderRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {".order-1.xml", ".~lock.x.xml#", "order-1.xml~", "order.xml.swp", "order.xml.tmp",
        "order.xml.TMP", "order.xml.part", "drawing.pdf.crdownload", "#order.xml#", "~$report.docx",
        "order-1.xml.done", "drawing.pdf.order", "Thumbs.db", "desktop.ini", ".DS_Store", "x.partial", "x.temp"})
    void work_in_progress_and_housekeeping_files_are_ignored(String name) {
        assertThat(DropFolderRules.ignored(name)).isTrue();
        assertThat(DropFolderRules.isDocumentName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-1.xml", "ORDER-1.XML", "PO_1 final.xml", "a#b.xml"})
    void documents_are_xml_files(String name) {
        assertThat(DropFolderRules.isDocumentName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"drawing.pdf", "PO1_drawing.pdf", "README", "spec.xml", "a.done.pdf"})
    void attachments_may_be_any_file(String name) {
        assertThat(DropFolderRules.ignored(name)).isFalse();
    }

    @Test
    void jakamos_convention_takes_the_text_before_the_first_underscore() {
        assertThat(DropFolderRules.orderFromName("PO1001_drawing_v2.pdf", AttachmentNaming.FIRST_UNDERSCORE))
                .contains(new BusinessKey("PO1001"));
        assertThat(DropFolderRules.orderFromName("PO_1001__drawing.pdf", AttachmentNaming.FIRST_UNDERSCORE))
                .contains(new BusinessKey("PO"));
    }

    @Test
    void the_double_underscore_convention_allows_underscores_in_order_numbers() {
        assertThat(DropFolderRules.orderFromName("PO_1001__drawing_v2.pdf", AttachmentNaming.DOUBLE_UNDERSCORE))
                .contains(new BusinessKey("PO_1001"));
        assertThat(DropFolderRules.orderFromName("PO1001_drawing.pdf", AttachmentNaming.DOUBLE_UNDERSCORE)).isEmpty();
    }

    @Test
    void a_name_without_the_separator_or_starting_with_it_names_no_order() {
        assertThat(DropFolderRules.orderFromName("drawing.pdf", AttachmentNaming.FIRST_UNDERSCORE)).isEmpty();
        assertThat(DropFolderRules.orderFromName("_drawing.pdf", AttachmentNaming.FIRST_UNDERSCORE)).isEmpty();
        assertThat(DropFolderRules.orderFromName(" _drawing.pdf", AttachmentNaming.FIRST_UNDERSCORE)).isEmpty();
    }

    @Test
    void a_sidecar_holds_the_order_number_on_its_first_line() {
        assertThat(DropFolderRules.orderFromSidecar("PO_1001__X\n")).contains(new BusinessKey("PO_1001__X"));
        assertThat(DropFolderRules.orderFromSidecar("\uFEFF PO-7 \r\nsecond line")).contains(new BusinessKey("PO-7"));
        assertThat(DropFolderRules.orderFromSidecar("  \n")).isEmpty();
        assertThat(DropFolderRules.orderFromSidecar("")).isEmpty();
    }
}
