package io.siocluster.postgres.internal;

import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.messaging.MessagingLimits;
import java.util.regex.Pattern;

/**
 * Checks and quotes the names that end up in SQL text. Table names and channel prefixes come from
 * configuration, so they are held to a strict alphabet before anything is built from them; channel names
 * are quoted when they appear in LISTEN (they are bound as parameters everywhere else).
 */
public final class Identifiers {

    /** PostgreSQL's NAMEDATALEN - 1: longer identifiers are silently truncated, so they are refused. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private static final Pattern TABLE_PART = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.#/:-]*");

    private Identifiers() {
    }

    /** A validated table name, {@code name} or {@code schema.name}. */
    public static TableName tableName(String option, String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length > 2) {
            throw bad(option, value, "at most one dot (schema.table) is allowed");
        }
        for (String part : parts) {
            if (!TABLE_PART.matcher(part).matches()) {
                throw bad(option, value, "each part must match [a-z_][a-z0-9_]* (lower case, as Node's adapter"
                        + " uses the name unquoted); quotes, semicolons, spaces and other characters are refused");
            }
            if (part.length() > MAX_IDENTIFIER_BYTES) {
                throw bad(option, value, "'" + part + "' is " + part.length() + " bytes, PostgreSQL allows at most "
                        + MAX_IDENTIFIER_BYTES);
            }
        }
        return parts.length == 1 ? new TableName(null, parts[0]) : new TableName(parts[0], parts[1]);
    }

    /** A validated channel prefix: a safe alphabet, and room left for at least one byte of channel name. */
    public static String channelPrefix(String option, String value) {
        if (!PREFIX.matcher(value).matches()) {
            throw bad(option, value, "only letters, digits and _ . - # / : are allowed");
        }
        if (value.length() >= MAX_IDENTIFIER_BYTES) {
            throw bad(option, value, "it is " + value.length() + " bytes; channel names (prefix included) must stay under "
                    + (MAX_IDENTIFIER_BYTES + 1) + " bytes, so the prefix may have at most " + (MAX_IDENTIFIER_BYTES - 1));
        }
        return value;
    }

    /** A double-quoted identifier; embedded double quotes are doubled, so any text is safe inside. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains U+0000");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The limits left for channel names once {@code prefix} is prepended on the wire. */
    public static MessagingLimits limitsWithPrefix(String prefix) {
        return new MessagingLimits(MessagingLimits.POSTGRES.maxPayloadBytes(),
                MessagingLimits.POSTGRES.maxChannelNameBytes() - MessagingLimits.utf8Length(prefix));
    }

    private static TransportConfigurationException bad(String option, String value, String why) {
        return new TransportConfigurationException("option '" + option + "': '" + value + "' is refused: " + why);
    }
}
