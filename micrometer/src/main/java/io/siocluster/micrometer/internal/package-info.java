/** Not API: how the metrics read a node that a server may replace at every restart. */
@NullMarked
package io.siocluster.micrometer.internal;

import org.jspecify.annotations.NullMarked;
