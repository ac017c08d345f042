package io.jakamoconnector.adapter.erphttp;

import static io.jakamoconnector.adapter.erphttp.ApiFixture.CLAIMS_KEY;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.KEY_1;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.KEY_2;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.ORDERS;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.validation.Problem;
import io.jakamoconnector.domain.model.validation.Severity;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.testing.Documents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentsApiTest {
    private static final String DOCUMENTS = "/erp/v1/integrations/orders/documents";
    @TempDir
    Path state;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = new ApiFixture(state, new ApiLimits(Duration.ofSeconds(5), 16, 8, 4096));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private List<AuditEvent> audited() {
        return api.context.audit.events();
    }

    @Test
    void a_document_is_accepted_with_its_id_and_status_url_and_offered_to_the_core() {
        HttpResponse<String> r = api.post("orders", KEY_1, "PO-1", Documents.order("PO-1"));

        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode body = json(r);
        String id = body.get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(body.get("status").asText()).isEqualTo(DOCUMENTS + "/" + id);
        assertThat(r.headers().firstValue("Location")).contains(DOCUMENTS + "/" + id);
        List<ErpFile> offered = api.side.outbox().pickUp(ORDERS, 10);
        assertThat(offered).singleElement().satisfies(f ->
                assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo(Documents.order("PO-1")));
        assertThat(audited()).filteredOn(e -> e.action() == AuditAction.ERP_CALL_SERVED).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("erp-key:erp-prod-1");
                    assertThat(e.sha256()).isEqualTo(Sha256.of(Documents.order("PO-1").getBytes(StandardCharsets.UTF_8)));
                });
    }

    @Test
    void the_same_key_and_body_again_is_the_same_document_and_another_body_is_a_conflict() {
        String first = json(api.post("orders", KEY_1, "PO-1", Documents.order("PO-1"))).get("id").asText();
        HttpResponse<String> again = api.post("orders", KEY_2, "PO-1", Documents.order("PO-1"));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).get("id").asText()).isEqualTo(first);
        assertThat(api.side.outbox().pickUp(ORDERS, 10)).hasSize(1);

        HttpResponse<String> other = api.post("orders", KEY_1, "PO-1", Documents.order("PO-2"));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(other).get("status").asInt()).isEqualTo(409);
        assertThat(api.side.outbox().pickUp(ORDERS, 10)).hasSize(1);
    }

    @Test
    void the_same_key_after_the_document_was_archived_is_still_the_same_document() {
        String first = json(api.post("orders", KEY_1, "PO-1", Documents.order("PO-1"))).get("id").asText();
        ErpFile file = api.side.outbox().pickUp(ORDERS, 10).get(0);
        api.side.outbox().archive(ORDERS, file.ref(), new ArchiveVerdict.Processed());

        HttpResponse<String> again = api.post("orders", KEY_1, "PO-1", Documents.order("PO-1"));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).get("id").asText()).isEqualTo(first);
        assertThat(api.side.outbox().pickUp(ORDERS, 10)).isEmpty();
    }

    @Test
    void wrong_media_type_missing_or_bad_idempotency_key_and_oversize_bodies_are_refused() {
        HttpResponse<String> json = api.send(HttpRequest.newBuilder(api.uri(DOCUMENTS))
                .header("Authorization", "Bearer " + KEY_1).header("Idempotency-Key", "x")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(api.post("orders", KEY_1, null, Documents.order("PO-1")).statusCode()).isEqualTo(400);
        assertThat(api.post("orders", KEY_1, "../etc/passwd", Documents.order("PO-1")).statusCode()).isEqualTo(400);
        assertThat(api.post("orders", KEY_1, "x".repeat(129), Documents.order("PO-1")).statusCode()).isEqualTo(400);
        HttpResponse<String> big = api.post("orders", KEY_1, "big", "<Order>" + "x".repeat(5000) + "</Order>");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(json(big).get("type").asText()).startsWith("urn:");
        assertThat(api.side.outbox().pickUp(ORDERS, 10)).isEmpty();
    }

    @Test
    void an_oversize_body_without_a_length_is_refused_as_well() {
        byte[] big = ("<Order>" + "x".repeat(5000) + "</Order>").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri(DOCUMENTS))
                .header("Authorization", "Bearer " + KEY_1).header("Idempotency-Key", "chunked")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(api.side.outbox().pickUp(ORDERS, 10)).isEmpty();
    }

    @Test
    void a_document_the_core_would_refuse_is_a_422_problem_with_located_errors_and_is_not_kept() {
        api.context.judge = bytes -> new HandOverVerdict.Refused("the order has no issue date",
                "add cbc:IssueDate and send it again",
                List.of(new Problem(Severity.ERROR, "required", 7, 40, "/Order/cbc:IssueDate", "nothing",
                        "a date like 2026-12-07")));

        HttpResponse<String> r = api.post("orders", KEY_1, "PO-9", Documents.order("PO-9"));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("detail").asText()).isEqualTo("the order has no issue date");
        assertThat(p.get("advice").asText()).isEqualTo("add cbc:IssueDate and send it again");
        JsonNode error = p.get("errors").get(0);
        assertThat(error.get("severity").asText()).isEqualTo("ERROR");
        assertThat(error.get("rule").asText()).isEqualTo("required");
        assertThat(error.get("line").asInt()).isEqualTo(7);
        assertThat(error.get("column").asInt()).isEqualTo(40);
        assertThat(error.get("path").asText()).isEqualTo("/Order/cbc:IssueDate");
        assertThat(error.get("found").asText()).isEqualTo("nothing");
        assertThat(error.get("expected").asText()).isEqualTo("a date like 2026-12-07");
        assertThat(api.side.outbox().pickUp(ORDERS, 10)).isEmpty();
    }

    @Test
    void status_says_received_then_what_the_core_recorded_and_unknown_ids_are_404() {
        String id = json(api.post("orders", KEY_1, "PO-1", Documents.order("PO-1"))).get("id").asText();
        JsonNode received = json(api.get(DOCUMENTS + "/" + id, KEY_1));
        assertThat(received.get("state").asText()).isEqualTo("received");
        assertThat(received.get("attempts").asInt()).isZero();
        assertThat(received.get("answer").isNull()).isTrue();
        assertThat(received.get("documentType").asText()).isEqualTo("Order");
        assertThat(received.get("receivedAt").asText()).isEqualTo("2026-12-07T09:00:00Z");

        ErpFile file = api.side.outbox().pickUp(ORDERS, 10).get(0);
        api.context.records.put("orders/" + file.ref().value(), new OutboundRecord(1, ORDERS, file.ref(),
                Sha256.of(file.bytes()), DocumentType.ORDER, Optional.of(new BusinessKey("PO-1")),
                OutboundState.IN_DOUBT, 2, api.context.clock.instant(), Optional.empty(), Optional.empty(),
                Optional.of("read timed out after 30 s"), false));
        JsonNode inDoubt = json(api.get(DOCUMENTS + "/" + id, KEY_1));
        assertThat(inDoubt.get("state").asText()).isEqualTo("in-doubt");
        assertThat(inDoubt.get("attempts").asInt()).isEqualTo(2);
        assertThat(inDoubt.get("answer").asText()).isEqualTo("read timed out after 30 s");
        assertThat(inDoubt.get("businessKey").asText()).isEqualTo("PO-1");

        assertThat(api.get(DOCUMENTS + "/0123456789abcdef0123456789abcdef", KEY_1).statusCode()).isEqualTo(404);
        assertThat(api.get(DOCUMENTS + "/not-an-id", KEY_1).statusCode()).isEqualTo(404);
        assertThat(api.get(DOCUMENTS + "/..%2F..%2Fetc", KEY_1).statusCode()).as("refused by Jetty").isEqualTo(400);
    }

    @Test
    void a_document_refused_before_it_was_recorded_shows_the_verdict_it_was_archived_with() {
        String id = json(api.post("orders", KEY_1, "PO-1", Documents.order("PO-1"))).get("id").asText();
        ErpFile file = api.side.outbox().pickUp(ORDERS, 10).get(0);
        api.side.outbox().archive(ORDERS, file.ref(), new ArchiveVerdict.Failed("a duplicate of PO-1", "none"));

        JsonNode status = json(api.get(DOCUMENTS + "/" + id, KEY_1));
        assertThat(status.get("state").asText()).isEqualTo("refused");
        assertThat(status.get("answer").asText()).isEqualTo("a duplicate of PO-1");
    }

    @Test
    void calls_without_a_valid_key_of_that_integration_are_401_and_audited_with_the_address_never_the_key() {
        assertThat(api.post("orders", null, "PO-1", Documents.order("PO-1")).statusCode()).isEqualTo(401);
        assertThat(api.post("orders", "not-a-key", "PO-1", Documents.order("PO-1")).statusCode()).isEqualTo(401);
        assertThat(api.post("orders", CLAIMS_KEY, "PO-1", Documents.order("PO-1")).statusCode()).isEqualTo(401);
        assertThat(api.post("nosuch", KEY_1, "PO-1", Documents.order("PO-1")).statusCode()).isEqualTo(401);
        assertThat(api.get("/erp/v1/integrations/orders/inbox", KEY_1.substring(0, 10)).statusCode()).isEqualTo(401);
        HttpResponse<String> basic = api.send(HttpRequest.newBuilder(api.uri("/erp/v1/integrations/orders/inbox"))
                .header("Authorization", "Basic " + KEY_1).GET());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).isPresent();

        assertThat(api.side.outbox().pickUp(ORDERS, 10)).isEmpty();
        List<AuditEvent> refused = audited().stream().filter(e -> e.action() == AuditAction.ERP_CALL_REFUSED).toList();
        assertThat(refused).hasSize(6).allSatisfy(e -> assertThat(e.reason()).contains("127.0.0.1"));
        assertThat(audited()).noneMatch(e -> e.action() == AuditAction.ERP_CALL_SERVED);
        assertThat(audited().toString()).doesNotContain(KEY_1).doesNotContain("not-a-key")
                .doesNotContain(CLAIMS_KEY).doesNotContain(KEY_1.substring(0, 10));
    }

    @Test
    void both_keys_of_a_rotation_work_and_each_is_audited_by_its_id() {
        assertThat(api.post("orders", KEY_1, "PO-1", Documents.order("PO-1")).statusCode()).isEqualTo(202);
        assertThat(api.post("orders", KEY_2, "PO-2", Documents.order("PO-2")).statusCode()).isEqualTo(202);
        assertThat(api.post("claims", CLAIMS_KEY, "C-1", Documents.order("C-1")).statusCode()).isEqualTo(202);
        assertThat(audited()).extracting(AuditEvent::actor)
                .containsExactly("erp-key:erp-prod-1", "erp-key:erp-prod-2", "erp-key:claims-1");
        assertThat(api.side.outbox().pickUp(ApiFixture.CLAIMS, 10)).hasSize(1);
    }

    @Test
    void a_new_side_over_the_same_state_directory_has_everything_that_was_answered_202() {
        String id = json(api.post("orders", KEY_1, "PO-1", Documents.order("PO-1"))).get("id").asText();
        api.post("orders", KEY_1, "PO-2", Documents.order("PO-2"));
        api.close();

        HttpErpSide restarted = ApiFixture.open(new RecordingErpContext(state), ApiLimits.DEFAULTS);
        restarted.start();
        try {
            assertThat(restarted.outbox().pickUp(ORDERS, 10)).extracting(f -> new String(f.bytes(),
                    StandardCharsets.UTF_8)).containsExactly(Documents.order("PO-1"), Documents.order("PO-2"));
            assertThat(restarted.waiting(ORDERS)).hasValue(2);
            assertThat(restarted.outbox().pickUp(ORDERS, 10).get(0).ref()).isEqualTo(new ErpDocumentRef(id + ".xml"));
        } finally {
            restarted.stop();
        }
    }

    @Test
    void unknown_paths_are_404_and_wrong_methods_405() {
        assertThat(api.get("/nothing", null).statusCode()).isEqualTo(404);
        assertThat(api.get("/erp/v1/integrations/orders/nothing", KEY_1).statusCode()).isEqualTo(404);
        HttpResponse<String> wrong = api.get(DOCUMENTS, KEY_1);
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("POST");
    }
}
