/** The cluster's moving parts: ordering, membership, request tracking. Not API. */
@NullMarked
package io.siocluster.core.cluster.internal;

import org.jspecify.annotations.NullMarked;
