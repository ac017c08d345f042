package io.jakamoconnector.domain.model.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.testing.XmlAttacks;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DocumentReader#readElements}: the located tree, read through the same hardened parser as everything else. */
class LocatedElementsTest {
    private final DocumentReader reader = new DocumentReader();

    @Test
    void everyAttackTheReaderRefusesIsRefusedTheSameWay() {
        for (Map.Entry<String, XmlAttacks.Attack> attack : XmlAttacks.refused("http://127.0.0.1:9/").entrySet()) {
            UnreadableDocumentException read = (UnreadableDocumentException) org.assertj.core.api.Assertions
                    .catchThrowable(() -> reader.read(attack.getValue().body()));
            assertThatThrownBy(() -> reader.readElements(attack.getValue().body())).as(attack.getKey())
                    .isInstanceOfSatisfying(UnreadableDocumentException.class,
                            e -> assertThat(e.reason()).isEqualTo(read.reason()));
        }
    }

    @Test
    void locatesEachElementWithItsLinePathAndText() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"
                       xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
                       xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
                  <cbc:ID>PO-1</cbc:ID>
                  <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID></cac:LineItem></cac:OrderLine>
                  <cac:OrderLine><cac:LineItem><cbc:ID>2</cbc:ID>
                    <cbc:Quantity unitCode="H87"> 5 </cbc:Quantity></cac:LineItem></cac:OrderLine>
                </Order>
                """;

        LocatedElement root = reader.readElements(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(root.path()).isEqualTo("/Order");
        assertThat(root.namespace()).isEqualTo("urn:oasis:names:specification:ubl:schema:xsd:Order-2");
        assertThat(root.child("ID").orElseThrow().text()).isEqualTo("PO-1");
        LocatedElement quantity = root.children("OrderLine").get(1).find("LineItem", "Quantity").orElseThrow();
        assertThat(quantity.path()).isEqualTo("/Order/cac:OrderLine[2]/cac:LineItem/cbc:Quantity");
        assertThat(quantity.line()).isEqualTo(8);
        assertThat(quantity.text()).isEqualTo("5");
        assertThat(quantity.attributes()).containsEntry("unitCode", "H87");
        assertThat(root.child("ID").orElseThrow().path()).isEqualTo("/Order/cbc:ID");
    }
}
