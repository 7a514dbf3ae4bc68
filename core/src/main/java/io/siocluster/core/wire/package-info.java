/**
 * How cluster messages travel on a bus: the {@link io.siocluster.core.wire.WireFormat} a node or an emitter speaks,
 * and {@link io.siocluster.core.wire.Wires#adapt}, which maps the core's messages onto what the transport offers
 * (generic SPI facets only, such as field-map stream entries), so transports stay free of Socket.IO knowledge.
 */
@NullMarked
package io.siocluster.core.wire;

import org.jspecify.annotations.NullMarked;
