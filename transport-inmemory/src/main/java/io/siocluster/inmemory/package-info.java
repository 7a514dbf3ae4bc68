/**
 * An in-JVM transport: several {@link io.siocluster.inmemory.InMemoryTransport}s on one
 * {@link io.siocluster.inmemory.InMemoryBus} form a cluster inside one JVM. It keeps the PostgreSQL
 * transport's limits and delivery behaviour, so tests that pass here mean the same thing there, and has a
 * fault hook to simulate a dropped connection.
 */
@NullMarked
package io.siocluster.inmemory;

import org.jspecify.annotations.NullMarked;
