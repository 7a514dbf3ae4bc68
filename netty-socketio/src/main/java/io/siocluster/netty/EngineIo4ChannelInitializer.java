package io.siocluster.netty;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import io.netty.channel.ChannelPipeline;
import io.siocluster.netty.internal.EngineIo4BinaryDecoder;
import io.siocluster.netty.internal.EngineIo4Encoder;
import io.siocluster.netty.internal.FlushPerTurn;
import io.siocluster.netty.internal.PacketsShortcut;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * netty-socketio's channel initializer with an encoder that sends Engine.IO 4 clients (Socket.IO v3/v4 clients)
 * what their protocol expects; set it with {@code server.setPipelineFactory(new EngineIo4ChannelInitializer())}
 * before {@code server.start()}.
 *
 * <p>netty-socketio 2.0.14 prefixes binary WebSocket frames with a byte {@code 0x04} (an Engine.IO 3 habit),
 * sends binary over polling in the Engine.IO 3 framing, and encodes a packet shared by several clients
 * (every {@code BroadcastOperations.sendEvent}) in place, so that clients after the first lose its binary
 * arguments and may get another client's Engine.IO framing. This encoder leaves packets untouched, takes the
 * Engine.IO version from each client, sends attachments as plain binary frames over WebSocket and as
 * {@code b<base64>} records over polling. Clients of Engine.IO 3 and JSONP polling keep netty-socketio's encoder.
 *
 * <p>Binary that Engine.IO 4 clients send is reassembled before netty-socketio's decoder: an acknowledgement
 * whose callback takes {@code Object} or {@code byte[]} receives {@code byte[]}; events and typed
 * acknowledgements reach netty-socketio with each attachment as base64 text, which Jackson reads into
 * {@code byte[]} parameters (netty-socketio alone breaks that text into lines, and fails beyond 57 bytes). A
 * listener whose parameter is {@code Object} still sees base64 text for binary: netty-socketio's event
 * deserializer has no other way to say it.
 *
 * <p>It also makes TLS work on Netty 4.1.130 and later, where netty-socketio 2.0.14 alone fails every packet of
 * a TLS client ({@code IllegalReferenceCountException}; see {@code PacketsShortcut}).
 *
 * <p>A channel is flushed once per event-loop turn ({@code FlushPerTurn}) rather than after every packet, so that
 * the messages a turn writes to one client leave in one system call.
 *
 * <p>Replacing netty-socketio's default initializer leaves its unused timer to the garbage collector, where
 * Netty's leak detector may log {@code HashedWheelTimer.release() was not called}: that timer never started
 * a thread, nothing is lost.
 */
public class EngineIo4ChannelInitializer extends SocketIOChannelInitializer {

    /** The name of the handler that reassembles Engine.IO 4 binary packets, just before netty-socketio's decoder. */
    public static final String BINARY_DECODER = "eio4BinaryDecoder";

    private volatile @Nullable EngineIo4Encoder encoder;
    private volatile @Nullable EngineIo4BinaryDecoder binaryDecoder;

    @Override
    public void start(Configuration configuration, NamespacesHub namespacesHub) {
        super.start(configuration, namespacesHub);
        try {
            this.encoder = new EngineIo4Encoder(configuration);
            this.binaryDecoder = new EngineIo4BinaryDecoder(namespacesHub, configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        EngineIo4Encoder current = encoder;
        if (current != null) {
            pipeline.replace(SOCKETIO_ENCODER, SOCKETIO_ENCODER, current);
        }
        EngineIo4BinaryDecoder decoder = binaryDecoder;
        if (decoder != null) {
            pipeline.addBefore(PACKET_HANDLER, BINARY_DECODER, decoder);
        }
        PacketsShortcut.install(pipeline, decoder != null ? BINARY_DECODER : PACKET_HANDLER);
        pipeline.addBefore(HTTP_REQUEST_DECODER, FlushPerTurn.NAME, new FlushPerTurn());
    }
}
