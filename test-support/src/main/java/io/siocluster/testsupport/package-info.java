/**
 * Test infrastructure, not published: {@link io.siocluster.testsupport.PostgresExtension} gives a test class
 * a PostgreSQL database ({@code SIO_PG_URL}, else embedded PostgreSQL) with names no other class uses.
 */
@NullMarked
package io.siocluster.testsupport;

import org.jspecify.annotations.NullMarked;
