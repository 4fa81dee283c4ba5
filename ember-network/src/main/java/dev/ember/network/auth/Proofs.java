package dev.ember.network.auth;

import dev.ember.network.protocol.FrameDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The arithmetic of the handshake. Each side proves the secret by an HMAC-SHA256 over both nonces, keyed by the
 * secret and labelled by its role, so that a proof can be neither replayed on another connection (the other
 * side's nonce is fresh) nor reflected back to its sender (the labels differ):
 *
 * <pre>
 *   server -> client   AuthChallenge(sN)                          sN, cN: 32 random bytes
 *   client -> server   AuthResponse(cN, HMAC(secret, "client" | sN | cN))
 *   server -> client   AuthResult(HMAC(secret, "server" | cN | sN))
 * </pre>
 *
 * The secret itself never crosses the wire.
 */
final class Proofs {
    private static final byte[] CLIENT_LABEL = "ember-auth-v1 client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_LABEL = "ember-auth-v1 server".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Proofs() {}

    static byte[] nonce() {
        byte[] nonce = new byte[FrameDecoder.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    static byte[] clientProof(byte[] secret, byte[] serverNonce, byte[] clientNonce) {
        return hmac(secret, CLIENT_LABEL, serverNonce, clientNonce);
    }

    static byte[] serverProof(byte[] secret, byte[] clientNonce, byte[] serverNonce) {
        return hmac(secret, SERVER_LABEL, clientNonce, serverNonce);
    }

    /** Constant-time comparison. */
    static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] hmac(byte[] secret, byte[] label, byte[] first, byte[] second) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(label);
            mac.update(first);
            mac.update(second);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
