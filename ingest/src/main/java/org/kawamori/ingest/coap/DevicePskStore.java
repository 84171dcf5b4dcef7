package org.kawamori.ingest.coap;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;
import org.kawamori.core.DeviceId;
import org.kawamori.core.port.DevicePsks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the PSK handshake: the identity a device presents is its device id, and its key
 * comes from {@link DevicePsks}. An identity that is no valid device id, or a device without a key,
 * gets no secret, so its handshake fails before any request is read.
 *
 * <p>Answers synchronously: the lookup runs on Scandium's handshake thread.
 */
final class DevicePskStore implements AdvancedPskStore {

    private static final Logger LOG = LoggerFactory.getLogger(DevicePskStore.class);

    private final DevicePsks psks;

    DevicePskStore(DevicePsks psks) {
        this.psks = psks;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        // The key is handed back as it is; Scandium derives the premaster secret for PSK and ECDHE_PSK alike.
        return true;
    }

    @Override
    public PskSecretResult requestPskSecretResult(
            ConnectionId cid,
            ServerNames serverName,
            PskPublicInformation identity,
            String hmacAlgorithm,
            SecretKey otherSecret,
            byte[] seed,
            boolean useExtendedMasterSecret) {
        String name = identity.getPublicInfoAsString();
        Optional<byte[]> key = identity.isCompliantEncoding() && DeviceId.isValid(name)
                ? psks.pskOf(DeviceId.of(name))
                : Optional.empty();
        if (key.isEmpty()) {
            LOG.info("DTLS handshake refused: no key for PSK identity '{}'", printable(name));
            return new PskSecretResult(cid, identity, null);
        }
        byte[] bytes = key.get();
        try {
            return new PskSecretResult(cid, identity, SecretUtil.create(bytes, PskSecretResult.ALGORITHM_PSK));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null; // server only: never starts a handshake
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // synchronous: no results to hand back later
    }

    private static String printable(String identity) {
        String cut = identity.length() > 64 ? identity.substring(0, 64) + "…" : identity;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
