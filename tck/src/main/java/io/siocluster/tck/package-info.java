/**
 * The transport compatibility kits. A transport author extends one abstract class per facet
 * ({@link io.siocluster.tck.MessagingKit}, {@link io.siocluster.tck.BlobStoreKit},
 * {@link io.siocluster.tck.LivenessKit}, {@link io.siocluster.tck.ProviderKit}, {@link io.siocluster.tck.PubSubKit},
 * {@link io.siocluster.tck.FieldMessagingKit}) and implements
 * {@code transportOptions()}. Every test's display name starts with its numbered rule (see the TCK's
 * README); a failure message names the rule it broke.
 */
@NullMarked
package io.siocluster.tck;

import org.jspecify.annotations.NullMarked;
