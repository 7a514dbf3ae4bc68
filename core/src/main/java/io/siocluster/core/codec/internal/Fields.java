package io.siocluster.core.codec.internal;

import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.MessageDecodeException.Reason;
import io.siocluster.core.internal.value.CanonicalNumbers;
import io.siocluster.core.internal.value.FrozenList;
import io.siocluster.core.internal.value.FrozenMap;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one decoded object's fields. Every mismatch is an {@link Reason#INVALID_MESSAGE} error
 * that names the field and carries the sender's uid when known. "Absent" and JSON {@code null} are the
 * same here, as Node's {@code undefined} checks and truthiness make them for these fields.
 */
final class Fields {

    private final @Nullable String senderUid;

    Fields(@Nullable String senderUid) {
        this.senderUid = senderUid;
    }

    MessageDecodeException invalid(String message) {
        return new MessageDecodeException(Reason.INVALID_MESSAGE, message, senderUid, null);
    }

    MessageDecodeException unknownType(String message) {
        return new MessageDecodeException(Reason.UNKNOWN_TYPE, message, senderUid, null);
    }

    FrozenMap map(FrozenMap parent, String key) throws MessageDecodeException {
        Object value = parent.get(key);
        if (value instanceof FrozenMap map) {
            return map;
        }
        throw invalid("'" + key + "' must be an object");
    }

    /** An object that may be absent (read as empty). */
    FrozenMap mapOrEmpty(FrozenMap parent, String key) throws MessageDecodeException {
        return parent.get(key) == null ? FrozenMap.empty() : map(parent, key);
    }

    FrozenList list(FrozenMap parent, String key) throws MessageDecodeException {
        Object value = parent.get(key);
        if (value instanceof FrozenList list) {
            return list;
        }
        throw invalid("'" + key + "' must be an array");
    }

    String string(FrozenMap parent, String key) throws MessageDecodeException {
        Object value = parent.get(key);
        if (value instanceof String s) {
            return s;
        }
        throw invalid("'" + key + "' must be a string");
    }

    @Nullable String optionalString(FrozenMap parent, String key) throws MessageDecodeException {
        return parent.get(key) == null ? null : string(parent, key);
    }

    /** A boolean that may be absent (read as false, as JavaScript's truthiness reads undefined). */
    boolean booleanOrFalse(FrozenMap parent, String key) throws MessageDecodeException {
        Object value = parent.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw invalid("'" + key + "' must be a boolean");
    }

    @Nullable Boolean optionalBoolean(FrozenMap parent, String key) throws MessageDecodeException {
        return parent.get(key) == null ? null : booleanOrFalse(parent, key);
    }

    /** A whole number from 0 to {@code max}. */
    long wholeNumber(FrozenMap parent, String key, long max) throws MessageDecodeException {
        Object value = parent.get(key);
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0
                && ((Number) value).longValue() <= max) {
            return ((Number) value).longValue();
        }
        throw invalid("'" + key + "' must be a whole number from 0 to " + max);
    }

    /**
     * Room names. A missing list is empty, as {@code new Set(undefined)} is in Node. JavaScript apps can
     * use numbers as room names; they arrive as numbers and are read as their JavaScript text.
     */
    List<String> rooms(FrozenMap parent, String key) throws MessageDecodeException {
        Object value = parent.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof FrozenList list)) {
            throw invalid("'" + key + "' must be an array of room names");
        }
        List<String> rooms = new ArrayList<>(list.size());
        for (Object room : list) {
            if (room instanceof String s) {
                rooms.add(s);
            } else if (room instanceof Double d && Double.isFinite(d)) {
                rooms.add(JsNumberFormat.toJsString(d));
            } else if (room instanceof Number n && !(room instanceof Double)) {
                rooms.add(CanonicalNumbers.canonical(n).toString());
            } else {
                throw invalid("'" + key + "' must hold room names (strings)");
            }
        }
        return rooms;
    }
}
