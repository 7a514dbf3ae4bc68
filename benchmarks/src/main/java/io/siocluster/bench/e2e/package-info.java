/**
 * The end-to-end benchmark: a Java contract server (netty-socketio + sio-cluster), the runner that starts it
 * and the Node reference server in turn, drives them with the Node load driver and prints one table, and the
 * JFR aggregation used to profile the Java server. The Node side lives in {@code benchmarks/src/main/node}.
 */
@NullMarked
package io.siocluster.bench.e2e;

import org.jspecify.annotations.NullMarked;
