/** Test support: generators and Node fixture readers shared by the core tests. */
@NullMarked
package io.siocluster.core.testing;

import org.jspecify.annotations.NullMarked;
