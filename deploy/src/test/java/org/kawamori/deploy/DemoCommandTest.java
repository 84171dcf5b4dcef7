package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void withoutOptionsTheDemoUsesTheEmbeddedPartsAndTheDefaults() {
        DemoOptions o = DemoOptions.parse(List.of());
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.simulators()).isTrue();
        assertThat(o.dbUrl()).isEmpty();
        assertThat(o.mqttUrl()).isEmpty();
        assertThat(o.dataDirectory()).isEqualTo(Path.of("kawamori-data"));
    }

    @Test
    void everyOptionOfTheReadmeIsUnderstood() {
        DemoOptions o = DemoOptions.parse(List.of(
                "--http-port",
                "18080",
                "--mqtt-port",
                "11883",
                "--coap-port",
                "15683",
                "--data-dir",
                "/tmp/k",
                "--no-simulators",
                "--db-url",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=s3cret",
                "--mqtt-url",
                "tcp://127.0.0.1:1883"));
        assertThat(o.httpPort()).contains(18080);
        assertThat(o.mqttPort()).contains(11883);
        assertThat(o.coapPort()).contains(15683);
        assertThat(o.dataDirectory()).isEqualTo(Path.of("/tmp/k"));
        assertThat(o.simulators()).isFalse();
        assertThat(o.mqttUrl()).contains("tcp://127.0.0.1:1883");
        assertThat(o.toString()).doesNotContain("s3cret");
    }

    @Test
    void aMistypedOptionIsAClearError() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--http-prot", "1")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("unknown option '--http-prot'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--http-port", "eighty")))
                .hasMessageContaining("--http-port eighty: not a port number");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--db-url", "postgres://x")))
                .hasMessageContaining("--db-url");
    }

    @Test
    void aTakenDefaultPortIsReplacedByAFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int chosen = PortChoice.tcp("127.0.0.1", Optional.empty(), taken.getLocalPort(), "--http-port");
            assertThat(chosen).isNotEqualTo(taken.getLocalPort()).isPositive();
            assertThat(PortChoice.tcpFree("127.0.0.1", chosen)).isTrue();
        }
    }

    @Test
    void aTakenPortGivenExplicitlyIsAnErrorNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Main.toAppConfig(DemoOptions.parse(List.of("--http-port", String.valueOf(port)))))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("--http-port " + port + ": the TCP port is already in use on 127.0.0.1");
        }
    }

    @Test
    void aTakenUdpPortGivenExplicitlyIsAnErrorNamingTheOption() throws Exception {
        try (var taken = new java.net.DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> PortChoice.udp("127.0.0.1", Optional.of(port), 5683, "--coap-port"))
                    .hasMessageContaining("--coap-port " + port);
        }
    }

    @Test
    void secretsAreMaskedInUrls() {
        assertThat(Secrets.maskUrl("jdbc:postgresql://h:5432/db?user=u&password=p4ss&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=****&ssl=true");
        assertThat(Secrets.maskUrl("tcp://user:pw@broker:1883")).isEqualTo("tcp://user:****@broker:1883");
    }
}
