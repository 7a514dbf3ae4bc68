/**
 * What the interop scenarios stand on: the Node.js processes and their control protocol ({@link
 * io.siocluster.interop.harness.NodeHarness}), Java nodes over PostgreSQL with a recording {@code LocalSide}.
 */
@NullMarked
package io.siocluster.interop.harness;

import org.jspecify.annotations.NullMarked;
