/**
 * The transport SPI of sio-cluster: what a message bus must offer so that several Socket.IO nodes act
 * as one cluster. A {@link io.siocluster.spi.Transport} has three facets (messaging, blob store,
 * liveness); providers are discovered with {@link java.util.ServiceLoader} and chosen by name through
 * {@link io.siocluster.spi.Transports}. A transport knows nothing about Socket.IO.
 */
@NullMarked
package io.siocluster.spi;

import org.jspecify.annotations.NullMarked;
