package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import io.jakamoconnector.adapter.jakamo.AttachmentContentTypes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@code attachments.contentTypes}: extension to media type, each checked as the adapter will use it. */
final class AttachmentsReader {
    private AttachmentsReader() {
    }

    static Map<String, String> contentTypes(ConfigSection node) {
        node.knownKeys(Set.of("contentTypes"));
        Optional<ConfigSection> types = node.mapping("contentTypes");
        if (types.isEmpty() || !types.get().isMapping()) {
            return Map.of();
        }
        ConfigSection mapping = types.get();
        Map<String, String> result = new TreeMap<>();
        for (String extension : mapping.keys()) {
            String at = mapping.pathOf(extension);
            Optional<String> type = mapping.writtenText(extension);
            if (type.isEmpty()) {
                node.problem(at + ": must be a media type such as application/acad");
                continue;
            }
            Map<String, String> one = Map.of(extension, type.get());
            if (node.value(at, () -> AttachmentContentTypes.jakamosWith(one)) != null) {
                result.putAll(one);
            }
        }
        return result;
    }
}
