/** The binding's internals: the local side of a namespace, value conversion, the drop-in dispatch path. */
@NullMarked
package io.siocluster.netty.internal;

import org.jspecify.annotations.NullMarked;
