package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handshake.secure} as Socket.IO reports it: true for a client connected over TLS. */
@DisplayName("handshake.secure under TLS")
class TlsHandshakeTest {

    private static final String PASSWORD = "test-only";

    private final InMemoryBus bus = InMemoryBus.create();

    @TempDir
    Path dir;

    @Test
    @DisplayName("clients connected over TLS (websocket, polling) are reported secure by fetchSockets; one over plain HTTP is not")
    void secureOverTls() throws Exception {
        Path keyStore = selfSignedKeyStore();
        Configuration config = TestServers.config();
        config.setSSLProtocol("TLSv1.2");
        config.setKeyStoreFormat("PKCS12");
        config.setKeyStorePassword(PASSWORD);
        SocketIOServer tls;
        try (InputStream in = Files.newInputStream(keyStore)) {
            config.setKeyStore(in); // netty-socketio reads it when the server starts
            SocketIOCluster.attach(config, bus::newTransport, ClusterOptions.defaults());
            tls = new SocketIOServer(config);
            tls.setPipelineFactory(new EngineIo4ChannelInitializer());
            tls.start();
        }
        SocketIOServer plain = TestServers.clustered(bus, ClusterOptions.defaults());
        plain.start();
        Socket tlsClient = tlsClient(tls, keyStore, "websocket");
        Socket tlsPolling = tlsClient(tls, keyStore, "polling");
        Socket plainClient = TestServers.client(plain, "");
        try {
            List<RemoteSocket> sockets = SocketIOCluster.of(tls).of("/").fetchSockets().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            assertThat(sockets).hasSize(3);
            assertThat(sockets).filteredOn(s -> s.id().equals(tlsClient.id()) || s.id().equals(tlsPolling.id()))
                    .hasSize(2).allSatisfy(s -> assertThat(s.handshake()).containsEntry("secure", true));
            assertThat(sockets).filteredOn(s -> s.id().equals(plainClient.id())).singleElement()
                    .satisfies(s -> assertThat(s.handshake()).containsEntry("secure", false));
        } finally {
            tlsClient.close();
            tlsPolling.close();
            plainClient.close();
            plain.stop();
            tls.stop();
        }
    }

    /** A PKCS12 key store with a fresh self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private Path selfSignedKeyStore() throws IOException, InterruptedException {
        Path file = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).as("keytool finishes").isTrue();
        assertThat(keytool.exitValue()).as("keytool: %s", output).isZero();
        return file;
    }

    /** A Socket.IO client that trusts only the test's certificate. */
    private static Socket tlsClient(SocketIOServer server, Path keyStore, String transport) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new X509TrustManager[] {trustManager}, null);
        OkHttpClient http = new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), trustManager).build();
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {transport}).build();
        options.callFactory = http;
        options.webSocketFactory = http;
        Socket socket = IO.socket(URI.create("https://127.0.0.1:" + server.getConfiguration().getPort()), options);
        socket.connect();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(socket::connected);
        return socket;
    }
}
