/**
 * Interop scenarios: Java nodes and emitters next to Node.js servers, clients and emitters running the real
 * npm packages, all on one PostgreSQL.
 */
@NullMarked
package io.siocluster.interop;

import org.jspecify.annotations.NullMarked;
