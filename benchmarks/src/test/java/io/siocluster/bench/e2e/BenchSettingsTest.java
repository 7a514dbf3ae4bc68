package io.siocluster.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    @DisplayName("a JDBC URL becomes the libpq URL the Node servers connect with, user and password escaped")
    void nodeUrl() {
        assertThat(BenchDatabase.nodeUrl("jdbc:postgresql://127.0.0.1:5432/wt_bench?user=postgres"))
                .isEqualTo("postgresql://postgres@127.0.0.1:5432/wt_bench");
        assertThat(BenchDatabase.nodeUrl("jdbc:postgresql://db/app?user=u&password=p%40ss%3A1&ssl=false"))
                .isEqualTo("postgresql://u:p%40ss%3A1@db:5432/app");
    }

    @Test
    @DisplayName("durations read as seconds, milliseconds, minutes or ISO-8601; a bad one names its flag")
    void durations() {
        Flags flags = Flags.parse(new String[] {"--a=60s", "--b=500ms", "--c=2m", "--d=PT1.5S", "--e=7", "--f=soon"});
        assertThat(flags.duration("a", Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
        assertThat(flags.duration("b", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(flags.duration("c", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(flags.duration("d", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(flags.duration("e", Duration.ZERO)).isEqualTo(Duration.ofSeconds(7));
        assertThat(flags.duration("missing", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> flags.duration("f", Duration.ZERO)).hasMessageContaining("--f");
    }

    @Test
    @DisplayName("on/off flags accept on and off only")
    void onOff() {
        Flags flags = Flags.parse(new String[] {"--compression=on", "--cluster=off", "--x=maybe"});
        assertThat(flags.onOff("compression", false)).isTrue();
        assertThat(flags.onOff("cluster", true)).isFalse();
        assertThatThrownBy(() -> flags.onOff("x", true)).hasMessageContaining("--x");
    }

    @Test
    @DisplayName("every row has its own id, and only the ceiling rows run without the cluster, on one server")
    void rows() {
        List<Workload> rows = Workload.all();
        assertThat(rows.stream().map(Workload::id).collect(Collectors.toSet())).hasSize(rows.size());
        assertThat(rows.stream().filter(w -> !w.clustered()).map(Workload::servers)).containsOnly(1);
        assertThat(rows.stream().filter(Workload::clustered).map(Workload::servers)).containsOnly(2);
    }

    @Test
    @DisplayName("the warm-up sends 100 B text, 1 kB binary and 20 kB text on the cluster's servers, its parts adding up to --warmup")
    void warmUps() {
        for (boolean clustered : List.of(true, false)) {
            List<Workload.WarmUp> parts = Workload.warmUps(clustered);
            assertThat(parts).extracting(part -> part.load().size() + (part.load().binary() ? " binary" : " text"))
                    .containsExactly("100 text", "1024 binary", "20000 text");
            assertThat(parts).allSatisfy(part -> {
                assertThat(part.load().clustered()).isEqualTo(clustered);
                assertThat(part.load().servers() * part.load().clientsPerServer()).isEqualTo(40);
            });
            assertThat(parts.stream().map(part -> part.of(Duration.ofSeconds(90))).reduce(Duration.ZERO, Duration::plus))
                    .isEqualTo(Duration.ofSeconds(90));
        }
    }

    @Test
    @DisplayName("server kinds name their bus; an unknown kind lists every kind")
    void serverKinds() {
        assertThat(ServerKind.byId("java-redis").bus()).isEqualTo(ServerKind.Bus.REDIS);
        assertThat(ServerKind.byId("node-redis").isJava()).isFalse();
        assertThat(ServerKind.byId("java-on").compression()).isTrue();
        assertThat(ServerKind.byId(" Java-Off ").bus()).isEqualTo(ServerKind.Bus.POSTGRES);
        assertThatThrownBy(() -> ServerKind.byId("java-nats")).hasMessageContaining("node-redis, java-redis");
    }

    @Test
    @DisplayName("a row's per-second counts print with a bar where its measured window starts, its last part second left out")
    void rampLine() throws Exception {
        JsonNode driver = new ObjectMapper().readTree("{\"warmSeconds\":2,\"seconds\":2.0,\"perSecond\":[3900,8700,16100,16900,40]}");
        Workload row = Workload.all().get(0);
        RowResult result = new RowResult(ServerKind.byId("java-redis"), row, driver, List.of(1.0, 1.0), 0, 0,
                List.of(300.0, 300.0), List.of());
        assertThat(result.rampLine()).isEqualTo("- Java, Redis, compression off, 2x2, 100 B: lead-in 2 s: 3900 8700 |"
                + " 16100 16900");
    }

    @Test
    @DisplayName("CPU of this process reads from /proc and grows; a process that is gone reads 0")
    void processCpu() {
        double before = ProcessCpu.seconds(ProcessHandle.current().pid());
        long x = 0;
        for (long i = 0; i < 300_000_000L; i++) {
            x += i ^ (x >>> 3);
        }
        assertThat(x).isNotZero();
        assertThat(ProcessCpu.seconds(ProcessHandle.current().pid())).isGreaterThan(before);
        assertThat(ProcessCpu.seconds(Long.MAX_VALUE)).isZero();
    }

    @Test
    @DisplayName("resident memory of this process reads from /proc; a process that is gone reads 0")
    void processRss() {
        assertThat(ProcessRss.megabytes(ProcessHandle.current().pid())).isGreaterThan(10);
        assertThat(ProcessRss.megabytes(Long.MAX_VALUE)).isZero();
    }
}
