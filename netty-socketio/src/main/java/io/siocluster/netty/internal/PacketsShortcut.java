package io.siocluster.netty.internal;

import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Takes the packets netty-socketio's transports send back to the head of the pipeline straight to the packet
 * handlers, past the TLS and HTTP decoders.
 *
 * <p>netty-socketio 2.0.14 passes a client's packets on with {@code ctx.pipeline().fireChannelRead(new
 * PacketsMessage(...))} from inside the read of the request or frame that carried them, and releases their buffer
 * when that call returns. Since Netty 4.1.130 a decoder that is re-entered that way (the {@code SslHandler} under
 * TLS) queues the message until its own read ends, after the release: every packet of a TLS client then fails
 * with {@code IllegalReferenceCountException} and no client can connect. Here the message goes on at once.
 */
@Sharable
public final class PacketsShortcut extends ChannelInboundHandlerAdapter {

    /** The head handler's name. */
    public static final String NAME = "packetsShortcut";
    /** The name of the pass-through handler the packets continue after. */
    public static final String RELAY = "packetsRelay";

    private static final ChannelInboundHandlerAdapter PASS_THROUGH = new Relay();

    /** Adds the shortcut at the head and its relay just before {@code next}, the first packet handler. */
    public static void install(ChannelPipeline pipeline, String next) {
        pipeline.addBefore(next, RELAY, PASS_THROUGH);
        pipeline.addFirst(NAME, new PacketsShortcut());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ChannelHandlerContext relay = msg instanceof PacketsMessage ? ctx.pipeline().context(RELAY) : null;
        if (relay != null) {
            relay.fireChannelRead(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** Passes everything on: the packets continue from here. */
    @Sharable
    private static final class Relay extends ChannelInboundHandlerAdapter {
    }
}
