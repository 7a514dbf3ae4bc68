package io.siocluster.postgres.internal;

import org.jspecify.annotations.Nullable;

/**
 * A validated attachments-table name (see {@link Identifiers#tableName}).
 *
 * @param schema the schema, or null for the search path's first schema, as Node's adapter does
 * @param name the table name
 */
public record TableName(@Nullable String schema, String name) {

    /** The name as SQL text, every part quoted. */
    public String sql() {
        return schema == null ? Identifiers.quote(name) : Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    /** The index on {@code created_at}: {@code <name>_created_at_idx}, cut to fit PostgreSQL's 63 bytes. */
    public String createdAtIndexSql() {
        String suffix = "_created_at_idx";
        String base = name.length() + suffix.length() > Identifiers.MAX_IDENTIFIER_BYTES
                ? name.substring(0, Identifiers.MAX_IDENTIFIER_BYTES - suffix.length()) : name;
        return Identifiers.quote(base + suffix);
    }

    /**
     * The replay table that goes with this attachments table: the same schema, {@code <name>_replay}, the name
     * cut to fit PostgreSQL's 63 bytes (the name is already validated, so the result needs no check).
     */
    public TableName replayTable() {
        String suffix = "_replay";
        String base = name.length() + suffix.length() > Identifiers.MAX_IDENTIFIER_BYTES
                ? name.substring(0, Identifiers.MAX_IDENTIFIER_BYTES - suffix.length()) : name;
        return new TableName(schema, base + suffix);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
