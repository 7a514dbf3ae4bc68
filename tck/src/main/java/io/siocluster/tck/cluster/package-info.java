/**
 * The cluster-level kit: {@link io.siocluster.tck.cluster.CoreClusterKit} runs three cluster nodes of the core
 * over the transport under test, with {@link io.siocluster.tck.cluster.FakeLocalSide} standing in for the
 * Socket.IO server of each node. Rules C1-C26 are listed in the TCK's README.
 */
@NullMarked
package io.siocluster.tck.cluster;

import org.jspecify.annotations.NullMarked;
