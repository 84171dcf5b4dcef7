package org.kawamori.alerting.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;

/**
 * Rule settings from a properties file, looked up in layers: {@code station.<id>.<key>}, then
 * {@code municipality.<code>.<key>}, then {@code <key>}, then the {@link Setting}'s own default. The
 * module ships {@value #DEFAULTS_RESOURCE} with every key at its default; a deployment loads its own
 * file (or the rows the store keeps) over it.
 */
public final class Settings {

    /** The classpath resource with the documented defaults. */
    public static final String DEFAULTS_RESOURCE = "/kawamori-alerting-defaults.properties";

    private final Properties properties;
    private final List<String> prefixes;

    private Settings(Properties properties, List<String> prefixes) {
        this.properties = properties;
        this.prefixes = prefixes;
    }

    /** The shipped defaults. */
    public static Settings defaults() {
        try (InputStream in = Settings.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            Objects.requireNonNull(in, DEFAULTS_RESOURCE);
            return load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings from properties text (UTF-8), e.g. a deployment's own file. */
    public static Settings load(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        return new Settings(properties, List.of(""));
    }

    /** Settings from a map, for tests and for rows the store keeps. */
    public static Settings of(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return new Settings(properties, List.of(""));
    }

    /** These settings with {@code values} laid over them (stored rows over the shipped file). */
    public Settings over(Map<String, String> values) {
        Properties merged = new Properties();
        merged.putAll(properties);
        merged.putAll(values);
        return new Settings(merged, prefixes);
    }

    /** Every key and value as given (not the declared defaults of keys left out). */
    public Map<String, String> asMap() {
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    /** The same settings seen from one municipality: its own keys first. */
    public Settings forMunicipality(MunicipalityCode municipality) {
        return new Settings(properties, List.of("municipality." + municipality.value() + ".", ""));
    }

    /** The same settings seen from one station of one municipality: the station's keys first. */
    public Settings forStation(DeviceId station, MunicipalityCode municipality) {
        return new Settings(
                properties,
                List.of("station." + station.value() + ".", "municipality." + municipality.value() + ".", ""));
    }

    public <T> T get(Setting<T> setting) {
        return find(setting.key()).map(setting::parse).orElse(setting.defaultValue());
    }

    /** Whether a key is set at any layer (some rules exist only where they are configured). */
    public boolean has(String key) {
        return find(key).isPresent();
    }

    private Optional<String> find(String key) {
        for (String prefix : prefixes) {
            String value = properties.getProperty(prefix + key);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
