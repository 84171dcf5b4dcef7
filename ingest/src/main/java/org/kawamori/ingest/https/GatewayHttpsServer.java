package org.kawamori.ingest.https;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kawamori.core.DeviceId;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.DeviceCredentials;
import org.kawamori.core.port.InboundPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS for gateways that cannot keep an MQTT session (volunteers' phones).
 *
 * <pre>
 *  POST /api/v1/gateways/{id}/detections   Authorization: Bearer &lt;gateway secret&gt;
 *     │ 404 other paths, 405 other methods, 413 body over the limit (not read)
 *     │ 401 + WWW-Authenticate without a valid token (PBKDF2 off the event loop, TokenCheck cache)
 *     ▼
 *  InboundPipeline (address GatewayBatch, authenticated as the gateway) ── after commit ──►
 *     200 {"accepted":n}   committed (n = detections in the batch)
 *     4xx problem+json     refused, dead-lettered: RFC 9457 members type, title, status, detail,
 *                          instance, and the extension member "reason" (e.g. "malformed-batch")
 *     503 + Retry-After    the store is unavailable: nothing stored, send again
 * </pre>
 */
public final class GatewayHttpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHttpsServer.class);

    private static final Pattern PATH = Pattern.compile("/api/v1/gateways/([^/]+)/detections");
    private static final String RETRY_AFTER_SECONDS = "5";

    private final GatewayHttpsConfig config;
    private final InboundPipeline pipeline;
    private final TokenCheck tokens;
    private final Clock clock;
    private final Vertx vertx;
    private HttpServer server;

    public GatewayHttpsServer(
            GatewayHttpsConfig config, InboundPipeline pipeline, DeviceCredentials gatewayCredentials, Clock clock) {
        this.config = config;
        this.pipeline = pipeline;
        this.tokens = new TokenCheck(gatewayCredentials, config.tokenCacheTime(), clock);
        this.clock = clock;
        this.vertx = Vertx.vertx();
    }

    /** Starts listening; returns the port bound. */
    public int start() throws Exception {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setSsl(true)
                .setMaxFormAttributeSize(config.maxBodyBytes());
        if (config.certificate().isPresent()) {
            GatewayHttpsConfig.PemFiles pem = config.certificate().get();
            options.setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(pem.certificateChain().toString())
                    .setKeyPath(pem.privateKey().toString()));
        } else {
            options.setKeyCertOptions(
                    SelfSignedCertificate.create(config.host()).keyCertOptions());
        }
        server = vertx.createHttpServer(options).requestHandler(this::handle);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.info(
                "gateway HTTPS on https://{}:{}/api/v1/gateways/{gatewayId}/detections",
                config.host(),
                server.actualPort());
        return server.actualPort();
    }

    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches() || !DeviceId.isValid(path.group(1))) {
            problem(request, 404, "not-found", "POST /api/v1/gateways/{id}/detections");
            return;
        }
        if (request.method() != HttpMethod.POST) {
            request.response().putHeader(HttpHeaders.ALLOW, "POST");
            problem(request, 405, "method-not-allowed", "only POST");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            problem(
                    request,
                    413,
                    RejectionReason.PAYLOAD_TOO_LARGE.code(),
                    "at most " + config.maxBodyBytes() + " bytes");
            // no further bytes of this body are read

            return;
        }
        DeviceId gateway = DeviceId.of(path.group(1));
        String token = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        request.pause();
        vertx.<Boolean>executeBlocking(() -> token != null && tokens.verify(gateway, token), false)
                .onComplete(checked -> {
                    request.resume();
                    if (checked.failed()) {
                        problem(request, 503, "unavailable", "the registry cannot be asked now");
                        return;
                    }
                    if (!checked.result()) {
                        request.response().putHeader("WWW-Authenticate", "Bearer realm=\"kawamori\"");
                        problem(
                                request,
                                401,
                                RejectionReason.NOT_AUTHORIZED.code(),
                                "a valid bearer token is required");
                        return;
                    }
                    readBody(request, gateway);
                });
    }

    private void readBody(HttpServerRequest request, DeviceId gateway) {
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > config.maxBodyBytes()) {
                if (!request.response().ended()) {
                    request.response().putHeader(HttpHeaders.CONNECTION, "close");
                    problem(
                            request,
                            413,
                            RejectionReason.PAYLOAD_TOO_LARGE.code(),
                            "at most " + config.maxBodyBytes() + " bytes");
                    // no further bytes of this body are read

                }
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(done -> {
            if (request.response().ended()) {
                return;
            }
            InboundMessage message = new InboundMessage(
                    Transport.HTTPS,
                    request.path(),
                    new DeviceAddress.GatewayBatch(Optional.empty(), gateway),
                    body.getBytes(),
                    contentType(request),
                    Optional.of(gateway.value()),
                    clock.instant());
            CompletableFuture<IngestResult> result = pipeline.accept(message).toCompletableFuture();
            result.whenComplete((outcome, failure) -> vertx.runOnContext(v -> answer(request, outcome, failure)));
        });
    }

    private void answer(HttpServerRequest request, IngestResult outcome, Throwable failure) {
        if (failure != null) {
            request.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
            problem(request, 503, "store-unavailable", "nothing was stored; send the batch again");
            return;
        }
        if (outcome instanceof IngestResult.Accepted accepted) {
            request.response()
                    .setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"accepted\":" + accepted.readings() + "}");
            return;
        }
        IngestResult.Rejected rejected = (IngestResult.Rejected) outcome;
        problem(request, status(rejected.reason()), rejected.reason().code(), rejected.detail());
    }

    static int status(RejectionReason reason) {
        return switch (reason) {
            case UNKNOWN_DEVICE, WRONG_TOPIC -> 404;
            case NOT_AUTHORIZED, DEVICE_DISABLED, WRONG_MUNICIPALITY, DEVICE_MISMATCH -> 403;
            case UNSUPPORTED_CONTENT_FORMAT -> 415;
            case PAYLOAD_TOO_LARGE -> 413;
            case PROCESSING_FAILED -> 500;
            default -> 422;
        };
    }

    /**
     * An RFC 9457 problem: {@code type} about:blank with the status's phrase as {@code title}, the
     * {@code detail}, the path as {@code instance}, and the reason code as the extension member
     * {@code reason}, which a gateway's firmware can act on without parsing the detail.
     */
    private static void problem(HttpServerRequest request, int status, String reason, String detail) {
        if (request.response().ended()) {
            return;
        }
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end("{\"type\":\"about:blank\",\"title\":"
                        + json(HttpResponseStatus.valueOf(status).reasonPhrase())
                        + ",\"status\":" + status
                        + ",\"detail\":" + json(detail)
                        + ",\"instance\":" + json(request.path())
                        + ",\"reason\":" + json(reason) + "}");
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length) > config.maxBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() || token.length() > 512 ? null : token;
    }

    private static String contentType(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return "application/json";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        vertx.close()
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }
}
