/**
 * Starts an embedded PostgreSQL from Maven Central binaries: {@link io.siocluster.embeddedpostgres.EmbeddedPostgresServer}
 * runs the demo and the benchmarks without a database server, and serves the tests' JUnit extension
 * ({@code sio-cluster-junit-postgres-extension}). Plain runtime code: nothing here depends on a test framework.
 */
@NullMarked
package io.siocluster.embeddedpostgres;

import org.jspecify.annotations.NullMarked;
