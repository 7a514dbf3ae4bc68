/**
 * Optional counters a transport keeps about its own publishing, for monitoring (see
 * {@link io.siocluster.spi.Transport#metrics()}).
 */
@NullMarked
package io.siocluster.spi.metrics;

import org.jspecify.annotations.NullMarked;
