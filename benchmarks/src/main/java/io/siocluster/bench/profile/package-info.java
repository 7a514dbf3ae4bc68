/** Profiling helpers: aggregation of JDK Flight Recorder recordings into hot-spot tables. */
@NullMarked
package io.siocluster.bench.profile;

import org.jspecify.annotations.NullMarked;
