package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posted documents are checked as Jakamo would, recorded byte for byte, and the API's open questions are switches. */
class DocumentsIT {
    private static Sandbox sandbox;
    private static TestHttp http;
    private static String po;
    private static String so;
    private static String claims;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        http = new TestHttp(sandbox);
        sandbox.jakamo().supplierReply(SupplierReply.NONE).claimReply(ClaimReply.NONE);
        po = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.orders("po").integration("po")).clientId()));
        sandbox.addIntegration(IntegrationSpec.salesOrders("so"));
        so = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.orders("so").integration("so")).clientId()));
        claims = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.claims("cl").integration("cl")).clientId()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.jakamo().changeVerb(ChangeVerb.EITHER).duplicateOrders(DuplicateOrders.ACCEPT).requireKnownOrders(true);
    }

    private static String number() {
        return "PO-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAcceptedOrderIsJournaledByteForByte() throws Exception {
        String number = number();
        String xml = Samples.order(number);
        HttpResponse<String> response = http.post("/api/order", po, xml);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Info>");

        DocumentRecord record = sandbox.journal().documents("Order", number).get(0);
        assertThat(sandbox.journal().timesAccepted("Order", number)).isEqualTo(1);
        assertThat(record.content()).isEqualTo(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(record.sha256()).isEqualTo(Journal.sha256Hex(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(record.integration()).isEqualTo("po");
        assertThat(record.endpoint()).isEqualTo(Endpoint.ORDER_POST);
        assertThat(sandbox.jakamo().knownDocuments("po")).contains(number);
    }

    @Test
    void brokenDocumentsGetJakamoStyleErrors() throws Exception {
        HttpResponse<String> malformed = http.post("/api/order", po, "<Order><cbc:ID>1</Order");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).startsWith("<?xml").contains("<errors><error>The request body is not well-formed XML");

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Order [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Order><ID>&x;</ID></Order>";
        HttpResponse<String> doctype = http.post("/api/order", po, xxe);
        assertThat(doctype.statusCode()).isEqualTo(400);
        assertThat(doctype.body()).doesNotContain("root:");

        HttpResponse<String> wrongRoot = http.post("/api/order", po, Samples.orderResponse("PO-1"));
        assertThat(wrongRoot.statusCode()).isEqualTo(422);
        assertThat(wrongRoot.body()).contains("Expected the root element Order but found OrderResponse");

        HttpResponse<String> noNumber = http.post("/api/order", po, "<Order><IssueDate>2025-01-01</IssueDate></Order>");
        assertThat(noNumber.statusCode()).isEqualTo(422);
        assertThat(noNumber.body()).contains("buyer's order number");

        assertThat(http.post("/api/order", po, "").statusCode()).isEqualTo(400);
        assertThat(sandbox.journal().documents()).noneMatch(d -> d.content().length == 0 && d.kind() == DocumentRecord.Kind.DOCUMENT);
    }

    @Test
    void changesAndStatusMessagesGoToTheOrdersPathWithEitherVerbUnlessStrict() throws Exception {
        String number = number();
        assertThat(http.post("/api/order/" + number, po, Samples.orderChange(number)).body()).contains("Order " + number + " not found");
        http.post("/api/order", po, Samples.order(number));

        assertThat(http.put("/api/order/" + number, po, Samples.orderChange(number)).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/order/" + number, po, Samples.orderChange(number)).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/order/" + number, po, Samples.statusMessage(number, "Received")).statusCode()).isEqualTo(200);
        assertThat(sandbox.journal().timesAccepted("OrderChange", number)).isEqualTo(2);
        assertThat(sandbox.journal().timesAccepted("StatusMessage", number)).isEqualTo(1);

        sandbox.jakamo().changeVerb(ChangeVerb.PUT_ONLY);
        HttpResponse<String> post = http.post("/api/order/" + number, po, Samples.orderChange(number));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("PUT");
        assertThat(http.put("/api/order/" + number, po, Samples.orderChange(number)).statusCode()).isEqualTo(200);

        sandbox.jakamo().changeVerb(ChangeVerb.POST_ONLY);
        assertThat(http.put("/api/order/" + number, po, Samples.orderChange(number)).statusCode()).isEqualTo(405);

        sandbox.jakamo().changeVerb(ChangeVerb.EITHER);
        HttpResponse<String> mismatch = http.post("/api/order/OTHER-1", po, Samples.orderChange(number));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("differs");
        assertThat(http.post("/api/order/" + number, po, Samples.order(number)).statusCode()).isEqualTo(422);
    }

    @Test
    void duplicateOrdersAreAcceptedSilentlyOrRejectedAsSwitched() throws Exception {
        String number = number();
        assertThat(http.post("/api/order", po, Samples.order(number)).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/order", po, Samples.order(number)).statusCode()).isEqualTo(200);
        assertThat(sandbox.journal().timesAccepted("Order", number)).isEqualTo(2);

        sandbox.jakamo().duplicateOrders(DuplicateOrders.REJECT);
        HttpResponse<String> third = http.post("/api/order", po, Samples.order(number));
        assertThat(third.statusCode()).isEqualTo(422);
        assertThat(third.body()).contains("already exists");
        assertThat(sandbox.journal().timesAccepted("Order", number)).isEqualTo(2);
    }

    @Test
    void attachmentsUploadAsMultipartAndArriveAsQueueMessagesWithADownload() throws Exception {
        String number = number();
        http.post("/api/order", po, Samples.order(number));
        byte[] pdf = "%PDF-1.4 pretend".getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> upload = http.send(multipart("/api/order/" + number + "/attachment", po, "Attachment", "drawing.pdf", pdf));
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(sandbox.journal().documents("po")).filteredOn(d -> d.kind() == DocumentRecord.Kind.ATTACHMENT).singleElement()
                .satisfies(d -> {
                    assertThat(d.fileName()).isEqualTo("drawing.pdf");
                    assertThat(d.content()).isEqualTo(pdf);
                    assertThat(d.documentNumber()).isEqualTo(number);
                });
        assertThat(http.send(multipart("/api/order/" + number + "/attachment", po, "File", "x.pdf", pdf)).statusCode()).isEqualTo(400);
        assertThat(http.send(multipart("/api/order/NOPE/attachment", po, "Attachment", "x.pdf", pdf)).statusCode()).isEqualTo(422);

        sandbox.jakamo().clearQueue("po");
        byte[] file = "supplier's certificate".getBytes(StandardCharsets.UTF_8);
        sandbox.jakamo().enqueueAttachment("po", number, "certificate.txt", file);
        HttpResponse<String> message = http.get("/api/order/response", po);
        assertThat(message.body()).contains("<attachment Jakamo-Attachment-URI=\"" + sandbox.apiBaseUri() + "/api/attachment/")
                .contains("<Filename>certificate.txt</Filename>").contains("<OrderID>" + number + "</OrderID>");
        String uri = message.body().replaceAll("(?s).*Jakamo-Attachment-URI=\"([^\"]+)\".*", "$1");
        HttpResponse<byte[]> download = http.client().send(http.request(uri, po).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(file);
        assertThat(http.get(uri, claims).statusCode()).isEqualTo(403);
        assertThat(http.get(uri, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theSupplierSideConfirmsSalesOrdersWithAnOrderResponse() throws Exception {
        sandbox.jakamo().placeSalesOrder("so", "CUST-1");
        assertThat(http.post("/api/orderresponse", so, Samples.orderResponse("CUST-1")).statusCode()).isEqualTo(200);
        assertThat(sandbox.journal().timesAccepted("OrderResponse", "CUST-1")).isEqualTo(1);

        HttpResponse<String> unknown = http.post("/api/orderresponse", so, Samples.orderResponse("CUST-404"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("Order CUST-404 not found");
        sandbox.jakamo().requireKnownOrders(false);
        assertThat(http.post("/api/orderresponse", so, Samples.orderResponse("CUST-404")).statusCode()).isEqualTo(200);

        assertThat(http.post("/api/order/CUST-1", so, Samples.statusMessage("CUST-1", "Delivered")).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/order/CUST-1", so, Samples.orderChange("CUST-1")).statusCode()).isEqualTo(422);
    }

    @Test
    void claimsArePostedChangedAndStatusedOnTheAssumedPaths() throws Exception {
        assertThat(http.post("/api/claim", claims, Samples.claim("CL-1")).statusCode()).isEqualTo(200);
        assertThat(http.put("/api/claim/CL-1", claims, Samples.claimChange("CL-1")).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/claim/CL-1", claims, "<StatusMessage><ClaimID>CL-1</ClaimID><Status>Closed</Status></StatusMessage>")
                .statusCode()).isEqualTo(200);
        assertThat(http.post("/api/claim/CL-2", claims, Samples.claimChange("CL-2")).statusCode()).isEqualTo(422);
        assertThat(http.post("/api/claim", claims, Samples.order("PO-1")).statusCode()).isEqualTo(422);
        assertThat(sandbox.journal().documents("cl")).extracting(DocumentRecord::rootElement)
                .containsExactly("Claim", "ClaimChange", "StatusMessage");
    }

    @Test
    void mappedCompaniesAndUnknownPaths() throws Exception {
        HttpResponse<String> companies = http.get("/api/mappedcompanies", po);
        assertThat(companies.statusCode()).isEqualTo(200);
        assertThat(companies.body()).contains("\"MappedId\":\"VENDOR-123\"");
        assertThat(http.get("/api/nothing-here", po).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/order", po).statusCode()).isEqualTo(405);
    }

    static HttpRequest multipart(String path, String authorization, String partName, String fileName, byte[] content) {
        String boundary = "----sandbox" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.request(path, authorization).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }
}
