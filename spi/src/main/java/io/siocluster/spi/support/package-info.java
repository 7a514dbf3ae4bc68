/** Building blocks for transport authors, so every transport reports liveness the same way. */
@NullMarked
package io.siocluster.spi.support;

import org.jspecify.annotations.NullMarked;
