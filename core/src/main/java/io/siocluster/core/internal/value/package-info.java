/**
 * Not API. The immutable containers and the canonical number form behind
 * {@link io.siocluster.core.protocol.Values}: what every argument tree of a protocol message is made of.
 */
@NullMarked
package io.siocluster.core.internal.value;

import org.jspecify.annotations.NullMarked;
