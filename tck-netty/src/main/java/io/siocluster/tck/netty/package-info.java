/**
 * The cluster kit for the netty-socketio binding: {@link io.siocluster.tck.netty.NettyClusterKit} runs three
 * real netty-socketio servers in one JVM, joined through the transport under test, with real Socket.IO
 * clients. A transport author extends it and implements {@code transportOptions()}. Display names start with
 * the rule they check (N1, N2, ...); a failure message names its rule.
 */
@NullMarked
package io.siocluster.tck.netty;

import org.jspecify.annotations.NullMarked;
