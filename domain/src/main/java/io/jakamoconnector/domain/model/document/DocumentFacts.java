package io.jakamoconnector.domain.model.document;

import java.util.Map;
import java.util.Optional;

/**
 * What {@link DocumentReader} learned from a document's bytes.
 *
 * @param rootLocalName the root element's local name
 * @param rootNamespace the root element's namespace, empty string when none
 * @param businessKey   the buyer's order number (or claim number), where the type defines one
 * @param rootAttributes the root element's attributes by local name (an attachment message's download URI lives here)
 * @param childTexts    the text of the root's direct child elements by local name, first occurrence (an attachment's
 *                      {@code Filename}; the text of a {@code status} root is under the key "")
 */
public record DocumentFacts(DocumentType type, String rootLocalName, String rootNamespace,
                            Optional<BusinessKey> businessKey, Map<String, String> rootAttributes,
                            Map<String, String> childTexts) {
    public DocumentFacts {
        rootAttributes = Map.copyOf(rootAttributes);
        childTexts = Map.copyOf(childTexts);
    }

    public Document toDocument(byte[] bytes) {
        return new Document(type, businessKey.orElse(null), bytes);
    }
}
