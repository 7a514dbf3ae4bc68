package io.siocluster.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CategoryTest {

    @Test
    @DisplayName("the first frame from the top that a category claims names the sample")
    void topDown() {
        assertThat(Category.of(List.of("com.fasterxml.jackson.core.json.UTF8JsonGenerator.writeString",
                "com.corundumstudio.socketio.protocol.JacksonJsonSupport.writeValue",
                "io.siocluster.netty.internal.EngineIo4Encoder.encode", "io.netty.channel.AbstractChannel.write")))
                .isEqualTo(Category.CLIENT_ENCODING.label());
        assertThat(Category.of(List.of("java.util.zip.Deflater.deflateBytesBytes",
                "io.siocluster.netty.internal.EngineIo4Encoder.writeWebSocket")))
                .isEqualTo(Category.DEFLATE.label());
        assertThat(Category.of(List.of("java.lang.Thread.run"))).isEqualTo(Category.OTHER.label());
    }

    @Test
    @DisplayName("netty-socketio's Jackson writer called by the binding's argument conversion is conversion")
    void conversionWinsAnywhereInTheStack() {
        assertThat(Category.of(List.of("com.corundumstudio.socketio.protocol.JacksonJsonSupport.writeValue",
                "io.siocluster.netty.internal.ValueConverter.viaJson", "io.siocluster.netty.internal.DispatchBatcher.dispatch")))
                .isEqualTo(Category.ARGUMENT_CONVERSION.label());
    }
}
