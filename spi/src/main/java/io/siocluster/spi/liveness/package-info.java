/** Liveness facet: a transport tells its user when its connection to the bus is up, down, or back after a gap. */
@NullMarked
package io.siocluster.spi.liveness;

import org.jspecify.annotations.NullMarked;
