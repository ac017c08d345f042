package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class XmlTest {

    private static Document parse(String xml) throws Xml.NotWellFormed {
        return Xml.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheBuyersOrderNumberWhereEachRootKeepsIt() throws Exception {
        assertThat(Xml.documentNumber(parse(Samples.order("PO-1")), false)).hasValue("PO-1");
        assertThat(Xml.documentNumber(parse(Samples.orderChange("PO-2")), false)).hasValue("PO-2");
        assertThat(Xml.documentNumber(parse(Samples.orderResponse("PO-3")), false)).hasValue("PO-3");
        assertThat(Xml.documentNumber(parse(Samples.statusMessage("PO-4", "Received")), false)).hasValue("PO-4");
        assertThat(Xml.documentNumber(parse("<StatusMessage><ClaimID>CL-1</ClaimID></StatusMessage>"), true)).hasValue("CL-1");
        assertThat(Xml.documentNumber(parse(Samples.claim("CL-2")), true)).hasValue("CL-2");
        assertThat(Xml.documentNumber(parse("<Order><Note><ID>inner</ID></Note></Order>"), false)).isEmpty();
    }

    @Test
    void anOrderResponseIsReadByLocalNameEvenInTheWrongNamespace() throws Exception {
        // Jakamo's own sample puts OrderResponse in the Order-2 namespace
        String sample = Samples.orderResponse("PO-5").replace("xsd:OrderResponse-2", "xsd:Order-2");
        assertThat(Xml.rootName(parse(sample))).isEqualTo("OrderResponse");
        assertThat(Xml.documentNumber(parse(sample), false)).hasValue("PO-5");
    }

    @Test
    void refusesDoctypesSoNoEntityIsExpandedOrFetched() {
        assertThatThrownBy(() -> parse("<!DOCTYPE a [<!ENTITY x \"xx\">]><a>&x;</a>")).isInstanceOf(Xml.NotWellFormed.class)
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"http://127.0.0.1:1/x.dtd\"><a/>"))
                .isInstanceOf(Xml.NotWellFormed.class);
    }

    @Test
    void refusesBrokenAndEmptyBodies() {
        assertThatThrownBy(() -> parse("<Order>")).isInstanceOf(Xml.NotWellFormed.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> Xml.parse(new byte[0])).isInstanceOf(Xml.NotWellFormed.class);
    }

    @Test
    void escapesTextForErrorBodies() {
        assertThat(Xml.escape("a<b & c>'d'")).isEqualTo("a&lt;b &amp; c&gt;'d'");
        assertThat(Reply.errors(422, "x<y").body()).asString(StandardCharsets.UTF_8).contains("<errors><error>x&lt;y</error></errors>");
    }
}
