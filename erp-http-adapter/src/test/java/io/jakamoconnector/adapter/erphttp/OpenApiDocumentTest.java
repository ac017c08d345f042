package io.jakamoconnector.adapter.erphttp;

import static io.jakamoconnector.adapter.erphttp.ApiFixture.KEY_1;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.ORDERS;
import static io.jakamoconnector.adapter.erphttp.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.testing.Documents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document and the routes the listener answers are the same set, both ways. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");
    @TempDir
    Path state;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = new ApiFixture(state, ApiLimits.DEFAULTS);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Set<String> documented() {
        HttpResponse<String> r = api.get(ErpApiServer.OPENAPI_PATH, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode doc = json(r);
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> routes = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(field -> {
                if (METHODS.contains(field)) {
                    routes.add(field.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return routes;
    }

    @Test
    void the_document_lists_exactly_the_routes_the_listener_answers() {
        Set<String> implemented = new HashSet<>();
        ErpApiServer.ROUTES.forEach(r -> implemented.add(r.method() + " " + r.template()));
        assertThat(documented()).isEqualTo(implemented);
    }

    @Test
    void every_documented_route_answers_and_other_methods_on_its_path_do_not() {
        String documentId = json(api.post("orders", KEY_1, "PO-1", Documents.order("PO-1"))).get("id").asText();
        String messageId = api.side.inbox().deliver(ORDERS, new Document(DocumentType.ORDER_RESPONSE,
                new BusinessKey("PO-1"), Documents.orderResponse("PO-1", "S-1").getBytes(StandardCharsets.UTF_8)),
                new DedupKey("ab".repeat(32)));
        for (String route : documented()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{integration}", "orders")
                    .replace("documents/{id}", "documents/" + documentId).replace("inbox/{id}", "inbox/" + messageId);
            HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + KEY_1);
            if (method.equals("POST")) {
                request.header("Content-Type", "application/xml").header("Idempotency-Key", "PO-2")
                        .POST(HttpRequest.BodyPublishers.ofString(Documents.order("PO-2")));
            } else {
                request.GET();
            }
            int status = api.send(request).statusCode();
            assertThat(status).as(route).isBetween(200, 299);

            for (String other : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                if (!documented().contains(other + " " + route.substring(route.indexOf(' ') + 1))) {
                    int refused = api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization",
                            "Bearer " + KEY_1).method(other, HttpRequest.BodyPublishers.noBody())).statusCode();
                    assertThat(refused).as(other + " " + path).isEqualTo(405);
                }
            }
        }
    }
}
