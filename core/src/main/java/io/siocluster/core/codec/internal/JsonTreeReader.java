package io.siocluster.core.codec.internal;

import io.siocluster.core.codec.DecodeLimits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.MessageDecodeException.Reason;
import io.siocluster.core.internal.value.CanonicalNumbers;
import io.siocluster.core.internal.value.FrozenList;
import io.siocluster.core.internal.value.FrozenMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON object into frozen value trees with Jackson's streaming parser: strict JSON as
 * {@code JSON.parse} accepts it (no comments, NaN or trailing content), duplicate keys resolved as in
 * JavaScript (the last value wins, the first position stays), numbers in canonical form. Thread-safe.
 */
public final class JsonTreeReader {

    private final JsonFactory factory;
    private final DecodeLimits limits;

    public JsonTreeReader(DecodeLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                // names come from the network: keep them out of the JVM's string pool and symbol tables
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxPayloadBytes())
                        .maxNameLength(limits.maxPayloadBytes())
                        .maxDocumentLength(limits.maxPayloadBytes())
                        .build())
                .build();
    }

    /** The object the text holds. */
    public FrozenMap readObject(String json) throws MessageDecodeException {
        DecodeBudget budget = new DecodeBudget(limits);
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MessageDecodeException(Reason.MALFORMED, "not a JSON object");
            }
            budget.spend(1);
            FrozenMap root = readObject(parser, budget, 1);
            if (parser.nextToken() != null) {
                throw new MessageDecodeException(Reason.MALFORMED, "content after the JSON object");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new MessageDecodeException(Reason.LIMIT_EXCEEDED, e.getOriginalMessage(), null, e);
        } catch (JsonProcessingException e) {
            throw new MessageDecodeException(Reason.MALFORMED, "invalid JSON: " + e.getOriginalMessage(), null, e);
        } catch (IOException e) {
            throw new MessageDecodeException(Reason.MALFORMED, "invalid JSON: " + e.getMessage(), null, e);
        }
    }

    private FrozenMap readObject(JsonParser parser, DecodeBudget budget, int depth)
            throws IOException, MessageDecodeException {
        budget.enter(depth);
        LinkedHashMap<String, @Nullable Object> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            entries.put(name, readValue(parser, parser.nextToken(), budget, depth));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new MessageDecodeException(Reason.MALFORMED, "unterminated object");
        }
        return FrozenMap.adopt(entries);
    }

    private FrozenList readArray(JsonParser parser, DecodeBudget budget, int depth)
            throws IOException, MessageDecodeException {
        budget.enter(depth);
        List<@Nullable Object> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(readValue(parser, token, budget, depth));
        }
        return FrozenList.adopt(items.toArray());
    }

    private @Nullable Object readValue(JsonParser parser, @Nullable JsonToken token, DecodeBudget budget, int depth)
            throws IOException, MessageDecodeException {
        if (token == null) {
            throw new MessageDecodeException(Reason.MALFORMED, "unexpected end of JSON");
        }
        budget.spend(1);
        switch (token) {
            case START_OBJECT:
                return readObject(parser, budget, depth + 1);
            case START_ARRAY:
                return readArray(parser, budget, depth + 1);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> parser.getIntValue();
                    case LONG -> CanonicalNumbers.ofLong(parser.getLongValue());
                    default -> CanonicalNumbers.canonical(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return CanonicalNumbers.ofDouble(parser.getDoubleValue());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new MessageDecodeException(Reason.MALFORMED, "unexpected JSON token " + token);
        }
    }
}
