package io.siocluster.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fixture files that {@code src/test/node} generated with the real npm packages (see the
 * README there). Each entry is one notification as Node published it, with the attachment row when the
 * notification was a header.
 */
public final class NodeFixtures {

    public static final String ENCODE_CASES = "/node-fixtures/encode-cases.json";
    public static final String CAPTURED_RUN = "/node-fixtures/captured-run.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NodeFixtures() {
    }

    /** One published notification. */
    public record Entry(String name, String source, String channel, String notification,
            @Nullable String attachmentId, byte @Nullable [] attachment, @Nullable JsonNode nodeView,
            @Nullable Boolean nodeInline, @Nullable String step) {

        public boolean fromEmitter() {
            return source.contains("emitter") || notification.contains("\"uid\":\"emitter\"");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Entry> load(String resource) {
        try (InputStream in = NodeFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource + ": run src/test/node (see its README)");
            }
            JsonNode root = MAPPER.readTree(in);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode e : root.get("entries")) {
                JsonNode attachment = e.get("attachment");
                entries.add(new Entry(
                        e.get("name").asText(),
                        e.get("source").asText(),
                        e.get("channel").asText(),
                        e.get("notification").asText(),
                        attachment == null ? null : attachment.get("id").asText(),
                        attachment == null ? null : Base64.getDecoder().decode(attachment.get("base64").asText()),
                        attachment == null ? null : attachment.get("nodeView"),
                        e.has("nodeInline") ? e.get("nodeInline").asBoolean() : null,
                        e.has("step") ? e.get("step").asText() : null));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text into a Jackson tree, for order-insensitive comparisons. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
