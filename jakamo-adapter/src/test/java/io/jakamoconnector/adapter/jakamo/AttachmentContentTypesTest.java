package io.jakamoconnector.adapter.jakamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.InvalidValueException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttachmentContentTypesTest {

    @ParameterizedTest
    @CsvSource({
        "a.pdf, application/pdf", "A.PDF, application/pdf", "export.xml, application/xml", "d.json, application/json",
        "note.txt, text/plain", "data.csv, text/csv",
        "list.xlsx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "old.xls, application/vnd.ms-excel", "archive.zip, application/zip", "x.png, image/png",
        "scan.jpg, image/jpeg", "scan.JPEG, image/jpeg"
    })
    void theExtensionsJakamosConnectorMapsGetItsTypes(String name, String type) {
        assertThat(AttachmentContentTypes.jakamos().of(name)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"spec.docx", "model.dwg", "part.step", "drawing.tif", "photo.gif", "noextension", "strange.xyz",
        "trailing.dot."})
    void everythingElseIsOctetStreamAsJakamosConnectorSendsIt(String name) {
        assertThat(AttachmentContentTypes.jakamos().of(name)).isEqualTo("application/octet-stream");
    }

    @Test
    void aConfigurationAddsAndReplacesExtensions() {
        AttachmentContentTypes types = AttachmentContentTypes.jakamosWith(Map.of("dwg", "application/acad",
                "pdf", "application/x-pdf"));
        assertThat(types.of("PO-1_model.DWG")).isEqualTo("application/acad");
        assertThat(types.of("PO-1_terms.pdf")).isEqualTo("application/x-pdf");
        assertThat(types.of("PO-1_list.csv")).as("the rest of Jakamo's list stays").isEqualTo("text/csv");
        assertThat(types.of("PO-1_part.step")).isEqualTo("application/octet-stream");
    }

    @Test
    void anExtensionWithItsDotOrInUpperCaseIsRefusedNamingIt() {
        assertThatThrownBy(() -> AttachmentContentTypes.jakamosWith(Map.of(".dwg", "application/acad")))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("attachments.contentTypes..dwg");
                    assertThat(e.rule()).contains("without its dot");
                });
        assertThatThrownBy(() -> AttachmentContentTypes.jakamosWith(Map.of("DWG", "application/acad")))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aTypeThatIsNoMediaTypeIsRefused() {
        for (String bad : new String[] {"acad", "application/acad; charset=x", "application/acad\r\nX-Evil: 1", ""}) {
            assertThatThrownBy(() -> AttachmentContentTypes.jakamosWith(Map.of("dwg", bad)))
                    .as(bad).isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.rule()).contains("media type"));
        }
    }
}
