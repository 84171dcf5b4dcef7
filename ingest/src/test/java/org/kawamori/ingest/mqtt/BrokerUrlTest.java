package org.kawamori.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            tcp://127.0.0.1:1883            | 127.0.0.1          | 1883 | false |
            tcp://mosquitto                 | mosquitto          | 1883 | false |
            mqtt://broker.example:1884      | broker.example     | 1884 | false |
            ssl://broker.example            | broker.example     | 8883 | true  |
            mqtts://broker.example:8884     | broker.example     | 8884 | true  |
            ws://broker.example:8080/mqtt   | broker.example     | 8080 | false | /mqtt
            ws://broker.example             | broker.example     | 80   | false | /mqtt
            wss://broker.example/ws/kawamori | broker.example    | 443  | true  | /ws/kawamori
            """)
    void theSchemesServeSettingsAllowsAreUnderstood(String url, String host, int port, boolean tls, String path) {
        BrokerUrl parsed = BrokerUrl.parse(url);

        assertThat(parsed.host()).isEqualTo(host);
        assertThat(parsed.port()).isEqualTo(port);
        assertThat(parsed.tls()).isEqualTo(tls);
        assertThat(parsed.webSocketPath()).isEqualTo(path == null ? "" : path);
        assertThat(parsed.webSocket()).isEqualTo(path != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://broker:1883", "127.0.0.1:1883", "tcp://", "not a url"})
    void anythingElseIsRefusedWithTheSchemesThatWork(String url) {
        assertThatThrownBy(() -> BrokerUrl.parse(url)).isInstanceOf(IllegalArgumentException.class);
    }
}
