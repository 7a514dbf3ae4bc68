/**
 * Exceptions of the SPI. Every one is either a {@link io.siocluster.spi.error.TransientTransportException}
 * (retrying later can help) or a {@link io.siocluster.spi.error.NonTransientTransportException} (it cannot).
 */
@NullMarked
package io.siocluster.spi.error;

import org.jspecify.annotations.NullMarked;
