package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

class StartupTest {

    final InMemorySensorRegistry registry = new InMemorySensorRegistry();
    final InMemoryReadingQueries queries = new InMemoryReadingQueries(registry);

    @Test
    void starts_on_a_free_port_when_asked_for_port_zero_and_answers_there() {
        try (TestServer web = TestServer.start(registry, queries, List.of())) {
            assertThat(web.port).isPositive();
            assertThat(web.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refuses_to_start_on_a_taken_port_with_a_clear_message() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            MapWebServer web = new MapWebServer(new WebConfig("127.0.0.1", port), registry, queries, List.of());

            assertThatThrownBy(web::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("in use");
            web.close();
        }
    }

    @Test
    void cannot_be_started_twice() {
        try (MapWebServer web = new MapWebServer(WebConfig.onPort(0), registry, queries, List.of())) {
            web.start();
            assertThatThrownBy(web::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void defaults_to_the_loopback_interface_on_port_8080() {
        assertThat(WebConfig.defaults()).isEqualTo(new WebConfig("127.0.0.1", 8080));
        assertThatThrownBy(() -> new WebConfig(" ", 8080)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebConfig("127.0.0.1", 70000)).isInstanceOf(IllegalArgumentException.class);
    }
}
