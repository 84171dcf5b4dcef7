package org.kawamori.deploy.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.kawamori.deploy.AppConfig;
import org.kawamori.deploy.AppSettings;
import org.kawamori.deploy.DatabaseCredentials;
import org.kawamori.deploy.Secrets;
import org.kawamori.deploy.StartupException;

/**
 * The settings of {@code serve}, the production command: an external PostgreSQL/TimescaleDB and an
 * external MQTT 5 broker, nothing embedded, no demo devices or accounts, and no start with a default
 * or missing credential. Every setting is an environment variable, with its default next to its key;
 * a secret may instead be a file named by {@code <KEY>_FILE}. The configuration reference
 * (deploy/CONFIGURATION.md) lists them all. {@code coapPort} is negative while plain CoAP is off,
 * its default: plain CoAP authenticates nobody.
 *
 * <pre>
 *  environment ──► ServeSettings.from ──► every problem at once ──► StartupException (exit 2)
 *                        │ all well
 *                        ▼
 *                  toAppConfig ──► KawamoriApp.start
 * </pre>
 */
public record ServeSettings(
        String host,
        int httpPort,
        int coapPort,
        int coapsPort,
        int httpsPort,
        String jdbcUrl,
        String mqttUrl,
        String mqttUser,
        String mqttPassword,
        String sharedGroup,
        String instanceId,
        Duration sessionExpiry,
        Optional<String> pskMasterKey) {

    public static final String HOST = "KAWAMORI_HOST";
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final String HTTP_PORT = "KAWAMORI_HTTP_PORT";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String COAP_PORT = "KAWAMORI_COAP_PORT";
    public static final int DEFAULT_COAP_PORT = 5683;
    /**
     * {@code true} opens plain CoAP on {@value #COAP_PORT}: it authenticates nobody, so only towards a
     * closed device network (a private LTE APN, a VPN). Default false: CoAP over DTLS only.
     */
    public static final String COAP_PLAIN = "KAWAMORI_COAP_PLAIN";

    public static final String COAPS_PORT = "KAWAMORI_COAPS_PORT";
    public static final int DEFAULT_COAPS_PORT = 5684;
    public static final String HTTPS_PORT = "KAWAMORI_HTTPS_PORT";
    public static final int DEFAULT_HTTPS_PORT = 8443;

    /** JDBC URL of PostgreSQL or TimescaleDB; required. */
    public static final String DB_URL = "KAWAMORI_DB_URL";
    /** The database user, unless the URL names it ({@code ?user=}). */
    public static final String DB_USER = DatabaseCredentials.USER;
    /** The database password, unless the URL holds it; required one way or the other. */
    public static final String DB_PASSWORD = DatabaseCredentials.PASSWORD;

    /** The broker, e.g. tcp://mosquitto:1883 or ssl://broker:8883; required. */
    public static final String MQTT_URL = "KAWAMORI_MQTT_URL";

    public static final String MQTT_USER = "KAWAMORI_MQTT_USER";
    public static final String MQTT_PASSWORD = "KAWAMORI_MQTT_PASSWORD";
    /** The MQTT 5 shared subscription group the instances split the messages in. */
    public static final String MQTT_SHARED_GROUP = "KAWAMORI_MQTT_SHARED_GROUP";

    public static final String DEFAULT_SHARED_GROUP = "kawamori";
    /** How long the broker keeps an absent instance's session and its QoS 1 messages, ISO-8601. */
    public static final String MQTT_SESSION_EXPIRY = "KAWAMORI_MQTT_SESSION_EXPIRY";

    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(1);

    /**
     * This instance's stable name (its MQTT client id is {@code kawamori-<id>}, so a restarted
     * instance resumes its own session); default the host name (a StatefulSet pod's name).
     */
    public static final String INSTANCE_ID = "KAWAMORI_INSTANCE_ID";

    /** Base64 AES-256 key sealing the devices' DTLS keys; without it there is no CoAPs endpoint. */
    public static final String PSK_MASTER_KEY = "KAWAMORI_PSK_MASTER_KEY";

    /** The admin API's token, or (preferred) its hash; neither: administrators log in. */
    public static final String ADMIN_TOKEN = "KAWAMORI_ADMIN_TOKEN";

    public static final String ADMIN_TOKEN_HASH = "KAWAMORI_ADMIN_TOKEN_HASH";

    /** The shortest admin token accepted. */
    static final int ADMIN_TOKEN_MINIMUM = 24;

    @Override
    public String toString() {
        return "ServeSettings[" + host + ", http " + httpPort + ", coap " + (coapPort < 0 ? "off" : coapPort)
                + ", coaps " + (pskMasterKey.isPresent() ? coapsPort : "off")
                + ", https " + httpsPort + ", db " + Secrets.maskUrl(jdbcUrl) + ", mqtt " + mqttUrl
                + " as " + mqttUser + " (password ****), group " + sharedGroup + ", instance " + instanceId + "]";
    }

    /**
     * Reads and checks every setting; all problems are reported together, naming the settings, never
     * their values.
     */
    public static ServeSettings from(AppSettings env) {
        return from(env, ServeSettings::hostName);
    }

    static ServeSettings from(AppSettings env, Supplier<String> hostName) {
        List<String> problems = new ArrayList<>();
        String host = env.get(HOST).orElse(DEFAULT_HOST);
        int http = port(env, HTTP_PORT, DEFAULT_HTTP_PORT, problems);
        int coap = port(env, COAP_PORT, DEFAULT_COAP_PORT, problems);
        String plain = env.get(COAP_PLAIN).orElse("false");
        if (!plain.equals("true") && !plain.equals("false")) {
            problems.add(COAP_PLAIN + " must be true or false");
        }
        boolean plainCoap = plain.equals("true");
        int coaps = port(env, COAPS_PORT, DEFAULT_COAPS_PORT, problems);
        int https = port(env, HTTPS_PORT, DEFAULT_HTTPS_PORT, problems);

        String jdbcUrl = database(env, problems);

        Optional<String> mqttUrl = env.get(MQTT_URL);
        if (mqttUrl.isEmpty()) {
            problems.add(MQTT_URL + " is not set (e.g. tcp://mosquitto:1883): serve uses an external broker only");
        } else if (!mqttUrl.get().matches("(tcp|ssl|ws|wss)://.+")) {
            problems.add(MQTT_URL + " must start with tcp://, ssl://, ws:// or wss://");
        }
        Optional<String> mqttUser = env.get(MQTT_USER);
        if (mqttUser.isEmpty()) {
            problems.add(MQTT_USER + " is not set: the broker must not let Kawamori in anonymously");
        }
        Optional<String> mqttPassword = env.get(MQTT_PASSWORD);
        CredentialCheck.problem(MQTT_PASSWORD, mqttPassword).ifPresent(problems::add);

        Duration expiry = duration(env, MQTT_SESSION_EXPIRY, DEFAULT_SESSION_EXPIRY, problems);
        String instance = env.get(INSTANCE_ID).orElseGet(hostName);
        if (!instance.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            problems.add(INSTANCE_ID + " must be 1 to 63 letters, digits, '.', '_' or '-'");
        }
        String group = env.get(MQTT_SHARED_GROUP).orElse(DEFAULT_SHARED_GROUP);
        if (!group.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add(MQTT_SHARED_GROUP + " must be letters, digits, '.', '_' or '-' (no '/', '+' or '#')");
        }
        adminToken(env, problems);
        if (env.get(AppSettings.HTTPS_CERT).isEmpty()
                || env.get(AppSettings.HTTPS_KEY).isEmpty()) {
            problems.add("set " + AppSettings.HTTPS_CERT + " and " + AppSettings.HTTPS_KEY
                    + " (PEM files) for the gateway HTTPS endpoint: serve makes no self-signed certificate");
        }
        Optional<String> psk = env.get(PSK_MASTER_KEY);
        psk.ifPresent(key -> {
            if (!isAes256Base64(key)) {
                problems.add(PSK_MASTER_KEY + " must be 32 bytes in base64 (e.g. openssl rand -base64 32)");
            }
        });
        if (!problems.isEmpty()) {
            throw new StartupException("serve refuses to start:\n  - " + String.join("\n  - ", problems));
        }
        return new ServeSettings(
                host,
                http,
                plainCoap ? coap : -1,
                coaps,
                https,
                jdbcUrl,
                mqttUrl.get(),
                mqttUser.get(),
                mqttPassword.get(),
                group,
                instance,
                expiry,
                psk);
    }

    /** The URL with the user and password merged in, the password checked like every secret. */
    private static String database(AppSettings env, List<String> problems) {
        Optional<String> url = env.get(DB_URL);
        if (url.isEmpty()) {
            problems.add(DB_URL + " is not set (e.g. jdbc:postgresql://db:5432/kawamori): serve uses an external"
                    + " database only");
            return "";
        }
        if (!url.get().startsWith("jdbc:postgresql://")) {
            problems.add(DB_URL + " must be a jdbc:postgresql:// URL");
            return "";
        }
        String given = url.get();
        Optional<String> inUrl = DatabaseCredentials.password(given);
        Optional<String> password = env.get(DB_PASSWORD);
        if (inUrl.isPresent() && password.isPresent()) {
            problems.add("the password is both in " + DB_URL + " and in " + DB_PASSWORD + ": give it once");
        }
        CredentialCheck.problem(DB_PASSWORD, password.or(() -> inUrl)).ifPresent(problems::add);
        Optional<String> user = env.get(DB_USER);
        Optional<String> userInUrl = DatabaseCredentials.user(given);
        if (user.isPresent() && userInUrl.isPresent()) {
            problems.add("the user is both in " + DB_URL + " and in " + DB_USER + ": give it once");
        }
        if (user.isEmpty() && userInUrl.isEmpty()) {
            problems.add("no database user: set " + DB_USER + " or ?user= in " + DB_URL);
        }
        return DatabaseCredentials.merged(given, env);
    }

    private static void adminToken(AppSettings env, List<String> problems) {
        Optional<String> token = env.get(ADMIN_TOKEN);
        if (token.isEmpty()) {
            return; // the hash, or no admin token at all: administrators log in
        }
        if (env.get(ADMIN_TOKEN_HASH).isPresent()) {
            problems.add("set " + ADMIN_TOKEN + " or " + ADMIN_TOKEN_HASH + ", not both");
        }
        CredentialCheck.problem(ADMIN_TOKEN, token).ifPresent(problems::add);
        if (token.get().length() < ADMIN_TOKEN_MINIMUM) {
            problems.add(ADMIN_TOKEN + " is shorter than " + ADMIN_TOKEN_MINIMUM + " characters");
        }
    }

    private static int port(AppSettings env, String key, int fallback, List<String> problems) {
        Optional<String> text = env.get(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be a port number 1..65535");
        return fallback;
    }

    private static Duration duration(AppSettings env, String key, Duration fallback, List<String> problems) {
        try {
            return env.get(key).map(Duration::parse).orElse(fallback);
        } catch (DateTimeParseException e) {
            problems.add(key + " must be an ISO-8601 duration such as P1D or PT12H");
            return fallback;
        }
    }

    private static boolean isAes256Base64(String key) {
        try {
            return java.util.Base64.getDecoder().decode(key).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip().toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "kawamori";
        }
    }

    /** The app's configuration: external parts only, no simulators, no demo devices or accounts. */
    public AppConfig toAppConfig(AppSettings settings) {
        return new AppConfig(
                host,
                httpPort,
                coapPort,
                httpsPort,
                coapsPort,
                pskMasterKey,
                new AppConfig.Broker.External(
                        mqttUrl, Optional.of(mqttUser), Optional.of(mqttPassword), Optional.of(sharedGroup)),
                new AppConfig.Database.External(jdbcUrl),
                false,
                false,
                "kawamori-" + instanceId,
                sessionExpiry,
                settings);
    }
}
