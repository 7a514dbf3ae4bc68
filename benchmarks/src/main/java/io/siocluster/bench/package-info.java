/** Benchmarks: JMH micro benchmarks of the codec, and the end-to-end threshold tuning tool. */
@NullMarked
package io.siocluster.bench;

import org.jspecify.annotations.NullMarked;
