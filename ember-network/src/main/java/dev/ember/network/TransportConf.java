package dev.ember.network;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The transport's settings, read once from an {@link EmberConf} and checked together: authentication needs a
 * secret, TLS needs a key store and a trust store.
 *
 * @param secret the shared secret when {@code ember.authenticate} is on, else empty
 */
public record TransportConf(
        Duration networkTimeout,
        Duration connectTimeout,
        int maxFrameSize,
        int ioThreads,
        Optional<byte[]> secret,
        Duration authenticateTimeout,
        Optional<TlsSettings> tls) {

    /** Where the key material of TLS lives. Passwords may be empty. */
    public record TlsSettings(
            String keyStore,
            String keyStorePassword,
            String keyPassword,
            String trustStore,
            String trustStorePassword,
            List<String> protocols) {
        public TlsSettings {
            requireNonNull(keyStore, "keyStore is null");
            requireNonNull(keyStorePassword, "keyStorePassword is null");
            requireNonNull(keyPassword, "keyPassword is null");
            requireNonNull(trustStore, "trustStore is null");
            requireNonNull(trustStorePassword, "trustStorePassword is null");
            protocols = List.copyOf(protocols);
        }

        @Override
        public String toString() {
            return "TlsSettings[keyStore=" + keyStore + ", trustStore=" + trustStore + ", protocols=" + protocols + "]";
        }
    }

    public TransportConf {
        requireNonNull(networkTimeout, "networkTimeout is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(authenticateTimeout, "authenticateTimeout is null");
        requireNonNull(tls, "tls is null");
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maxFrameSize must be at least 1024, not " + maxFrameSize);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be positive, not " + ioThreads);
        }
    }

    public static TransportConf fromConf(EmberConf conf) {
        Optional<byte[]> secret = Optional.empty();
        if (conf.get(NetworkConfig.AUTHENTICATE)) {
            String value = NetworkConfig.secret(conf)
                    .orElseThrow(() -> new EmberException(
                            ErrorClass.MISSING_CONFIG,
                            "ember.authenticate is true but ember.authenticate.secret is not set (nor "
                                    + NetworkConfig.SECRET_ENV + "): set the same secret on every process of the"
                                    + " cluster"));
            secret = Optional.of(value.getBytes(StandardCharsets.UTF_8));
        }
        Optional<TlsSettings> tls = Optional.empty();
        if (conf.get(NetworkConfig.SSL_ENABLED)) {
            String keyStorePassword =
                    conf.getOptional(NetworkConfig.SSL_KEY_STORE_PASSWORD).orElse("");
            tls = Optional.of(new TlsSettings(
                    required(NetworkConfig.SSL_KEY_STORE.key(), conf.getOptional(NetworkConfig.SSL_KEY_STORE)),
                    keyStorePassword,
                    conf.getOptional(NetworkConfig.SSL_KEY_PASSWORD).orElse(keyStorePassword),
                    required(NetworkConfig.SSL_TRUST_STORE.key(), conf.getOptional(NetworkConfig.SSL_TRUST_STORE)),
                    conf.getOptional(NetworkConfig.SSL_TRUST_STORE_PASSWORD).orElse(""),
                    conf.get(NetworkConfig.SSL_PROTOCOLS)));
        }
        int threads = conf.get(NetworkConfig.IO_THREADS);
        if (threads == 0) {
            threads = Math.min(8, Runtime.getRuntime().availableProcessors());
        }
        return new TransportConf(
                Duration.ofMillis(conf.get(NetworkConfig.NETWORK_TIMEOUT)),
                Duration.ofMillis(conf.get(NetworkConfig.CONNECT_TIMEOUT)),
                (int) (long) conf.get(NetworkConfig.MAX_FRAME_SIZE),
                threads,
                secret,
                Duration.ofMillis(conf.get(NetworkConfig.AUTHENTICATE_TIMEOUT)),
                tls);
    }

    private static String required(String key, Optional<String> value) {
        return value.filter(v -> !v.isEmpty())
                .orElseThrow(() -> new EmberException(
                        ErrorClass.MISSING_CONFIG, "ember.ssl.enabled is true but " + key + " is not set"));
    }

    public boolean authenticate() {
        return secret.isPresent();
    }

    @Override
    public String toString() {
        return "TransportConf[networkTimeout=" + networkTimeout + ", connectTimeout=" + connectTimeout
                + ", maxFrameSize=" + maxFrameSize + ", ioThreads=" + ioThreads + ", authenticate=" + authenticate()
                + ", tls=" + tls + "]";
    }
}
