/**
 * Not API. The codec's machinery: message bodies to and from ordered value trees, and those trees to and
 * from JSON text (JavaScript's {@code JSON.stringify} output, read with Jackson's streaming parser) and
 * msgpack (as {@code @msgpack/msgpack} 2.8 writes it, read with msgpack-core).
 */
@NullMarked
package io.siocluster.core.codec.internal;

import org.jspecify.annotations.NullMarked;
