package dev.ember.network;

import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigProvider;
import dev.ember.util.ByteSizes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Settings of the transport and of the RPC environment: timeouts, frame limits, authentication and TLS. */
public final class NetworkConfig implements ConfigProvider {
    public static final ConfigEntry<Long> NETWORK_TIMEOUT = ConfigEntry.key("ember.network.timeout")
            .doc("A connection that has a request outstanding, or a frame half received, and hears nothing from"
                    + " its peer for this long is closed.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("120s");

    public static final ConfigEntry<Long> CONNECT_TIMEOUT = ConfigEntry.key("ember.network.connectTimeout")
            .doc("How long opening a connection, including the authentication handshake and TLS, may take.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("30s");

    public static final ConfigEntry<Long> MAX_FRAME_SIZE = ConfigEntry.key("ember.network.maxFrameSize")
            .doc("Largest message frame a process accepts; a peer announcing a larger one is disconnected."
                    + " Streamed blocks are not frames and may be larger.")
            .bytesConf(ByteSizes.Unit.MIB)
            .between(1024, true, Integer.MAX_VALUE - 1024, true, "between 1k and 2047m")
            .defaultString("128m");

    public static final ConfigEntry<Integer> IO_THREADS = ConfigEntry.key("ember.network.io.threads")
            .doc("Netty event loop threads of a server and of the client side of a process; 0 means one per core"
                    + " up to 8.")
            .intConf()
            .atLeast(0, "zero or more")
            .defaultValue(0);

    public static final ConfigEntry<Long> ASK_TIMEOUT = ConfigEntry.key("ember.rpc.askTimeout")
            .doc("Default time an RPC ask waits for its reply.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("120s");

    public static final ConfigEntry<Long> LOOKUP_TIMEOUT = ConfigEntry.key("ember.rpc.lookupTimeout")
            .doc("Time to connect to a remote endpoint and check that it exists.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("120s");

    public static final ConfigEntry<Long> DECODE_BUDGET = ConfigEntry.key("ember.rpc.decode.budget")
            .doc("Longest time decoding one RPC message may take; a peer whose message takes longer is disconnected."
                    + " Decoding is linear in the message's size, so only a hostile or broken peer comes near it.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("5s");

    public static final ConfigEntry<Integer> DECODE_THREADS = ConfigEntry.key("ember.rpc.decode.threads")
            .doc("Threads that decode RPC messages, off the network event loops; messages of one connection are"
                    + " decoded one at a time, in order.")
            .intConf()
            .atLeast(1, "one or more")
            .defaultValue(2);

    public static final ConfigEntry<Boolean> AUTHENTICATE = ConfigEntry.key("ember.authenticate")
            .doc("Require every connection to prove knowledge of ember.authenticate.secret before anything it sends"
                    + " is decoded.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<String> AUTHENTICATE_SECRET = ConfigEntry.key("ember.authenticate.secret")
            .doc("The shared secret of ember.authenticate; the same on every process of a cluster.")
            .stringConf()
            .optional();

    /** The environment variable that may carry the shared secret instead of a setting, out of the process list. */
    public static final String SECRET_ENV = "EMBER_AUTH_SECRET";

    /** The shared secret: {@code ember.authenticate.secret}, else {@value #SECRET_ENV} from the environment. */
    public static java.util.Optional<String> secret(dev.ember.EmberConf conf) {
        java.util.Optional<String> configured =
                conf.getOptional(AUTHENTICATE_SECRET).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return configured;
        }
        return java.util.Optional.ofNullable(System.getenv(SECRET_ENV)).filter(s -> !s.isEmpty());
    }

    public static final ConfigEntry<Long> AUTHENTICATE_TIMEOUT = ConfigEntry.key("ember.authenticate.timeout")
            .doc("Time a new connection has to complete the authentication handshake.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("10s");

    public static final ConfigEntry<Boolean> SSL_ENABLED = ConfigEntry.key("ember.ssl.enabled")
            .doc("Encrypt every connection with TLS, using ember.ssl.keyStore and ember.ssl.trustStore.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<String> SSL_KEY_STORE = ConfigEntry.key("ember.ssl.keyStore")
            .doc("Key store (PKCS12 or JKS) holding this process's private key and certificate.")
            .stringConf()
            .optional();

    public static final ConfigEntry<String> SSL_KEY_STORE_PASSWORD = ConfigEntry.key("ember.ssl.keyStorePassword")
            .doc("Password of ember.ssl.keyStore.")
            .stringConf()
            .optional();

    public static final ConfigEntry<String> SSL_KEY_PASSWORD = ConfigEntry.key("ember.ssl.keyPassword")
            .doc("Password of the private key, when it differs from the key store's.")
            .stringConf()
            .optional();

    public static final ConfigEntry<String> SSL_TRUST_STORE = ConfigEntry.key("ember.ssl.trustStore")
            .doc("Trust store holding the certificates (or their authority) of the other processes.")
            .stringConf()
            .optional();

    public static final ConfigEntry<String> SSL_TRUST_STORE_PASSWORD = ConfigEntry.key("ember.ssl.trustStorePassword")
            .doc("Password of ember.ssl.trustStore.")
            .stringConf()
            .optional();

    public static final ConfigEntry<List<String>> SSL_PROTOCOLS = ConfigEntry.key("ember.ssl.protocols")
            .doc("TLS protocol versions allowed.")
            .stringListConf()
            .defaultValue(List.of("TLSv1.3", "TLSv1.2"));

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(
                NETWORK_TIMEOUT,
                CONNECT_TIMEOUT,
                MAX_FRAME_SIZE,
                IO_THREADS,
                ASK_TIMEOUT,
                LOOKUP_TIMEOUT,
                DECODE_BUDGET,
                DECODE_THREADS,
                AUTHENTICATE,
                AUTHENTICATE_SECRET,
                AUTHENTICATE_TIMEOUT,
                SSL_ENABLED,
                SSL_KEY_STORE,
                SSL_KEY_STORE_PASSWORD,
                SSL_KEY_PASSWORD,
                SSL_TRUST_STORE,
                SSL_TRUST_STORE_PASSWORD,
                SSL_PROTOCOLS);
    }
}
