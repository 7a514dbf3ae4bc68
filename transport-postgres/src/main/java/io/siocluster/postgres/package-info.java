/**
 * The PostgreSQL transport: messaging over {@code NOTIFY}/{@code LISTEN}, the attachments table as blob
 * store, and liveness from the health of one dedicated listener connection. Create it by name
 * ({@code "postgres"}) through {@link io.siocluster.spi.Transports} with the options of
 * {@link io.siocluster.postgres.PostgresOptions}, or directly with {@link io.siocluster.postgres.PostgresTransport}.
 */
@NullMarked
package io.siocluster.postgres;

import org.jspecify.annotations.NullMarked;
