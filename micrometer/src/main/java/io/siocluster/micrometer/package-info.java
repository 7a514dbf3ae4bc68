/**
 * Micrometer metrics for a cluster node: bind {@link io.siocluster.micrometer.ClusterMetrics} to a registry.
 */
@NullMarked
package io.siocluster.micrometer;

import org.jspecify.annotations.NullMarked;
