/**
 * Test infrastructure, not published, for test scope only: {@link io.siocluster.testsupport.PostgresExtension}
 * gives a test class a PostgreSQL database ({@code SIO_PG_URL}, else an embedded PostgreSQL from
 * {@code sio-cluster-embedded-postgres-launcher}) with names no other class uses.
 */
@NullMarked
package io.siocluster.testsupport;

import org.jspecify.annotations.NullMarked;
