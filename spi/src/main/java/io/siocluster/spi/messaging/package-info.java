/** Messaging facet: publish text payloads on named channels and subscribe listeners to them. */
@NullMarked
package io.siocluster.spi.messaging;

import org.jspecify.annotations.NullMarked;
