/** Blob store facet: payloads too large for a message are stored here and referred to by id. */
@NullMarked
package io.siocluster.spi.blob;

import org.jspecify.annotations.NullMarked;
