package io.siocluster.tck.cluster;

import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.ChannelNames;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.spi.Transport;
import io.siocluster.tck.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Publishes straight onto a namespace channel with the transport's messaging, as a peer under a uid of the
 * test's choosing: well-formed messages (a ghost peer that heartbeats but never answers), attachment headers
 * whose blob is gone, or any text at all.
 */
public final class RawPeer {

    private final Transport transport;
    private final String channel;
    private final String uid;
    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    RawPeer(Transport transport, String channel, String uid) {
        this.transport = transport;
        this.channel = channel;
        this.uid = uid;
    }

    public String uid() {
        return uid;
    }

    /** Publishes each payload as it is, in order, and waits until all are published. */
    public void publishRaw(List<String> payloads) {
        List<CompletionStage<Void>> published = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            published.add(transport.messaging().publish(channel, payload));
        }
        published.forEach(Stages::join);
    }

    /** Publishes a message of this peer's as inline JSON, in the default namespace. */
    public void send(ClusterMessage message) {
        Stages.join(transport.messaging().publish(channel, codec.encodeJson(envelope(message))));
    }

    /** Stores a message of this peer's in the blob store and publishes its header. */
    public void sendAsAttachment(ClusterMessage message) {
        String id = Stages.join(transport.blobStore().orElseThrow().put(codec.encodeMsgpack(envelope(message))));
        sendHeader(message.type(), id);
    }

    /** Publishes an attachment header for {@code attachmentId}, stored or not. */
    public void sendHeader(MessageType type, String attachmentId) {
        String header = codec.encodeHeader(new AttachmentHeader(uid, type, attachmentId, ChannelNames.DEFAULT_NAMESPACE));
        Stages.join(transport.messaging().publish(channel, header));
    }

    private Envelope envelope(ClusterMessage message) {
        return new Envelope(uid, ChannelNames.DEFAULT_NAMESPACE, message);
    }
}
