package dev.ember.network;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.TransportConf.TlsSettings;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts from key and trust stores. Both ends present a certificate and check the other's against the trust
 * store (mutual TLS): a process without a trusted certificate cannot open a connection at all. The JDK's TLS
 * implementation is used, so nothing native is needed.
 */
final class TlsContexts {
    private TlsContexts() {}

    static SslContext server(TlsSettings settings) {
        try {
            return SslContextBuilder.forServer(keyManagers(settings))
                    .trustManager(trustManagers(settings))
                    .clientAuth(ClientAuth.REQUIRE)
                    .sslProvider(SslProvider.JDK)
                    .protocols(settings.protocols())
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw invalid(settings, e);
        }
    }

    static SslContext client(TlsSettings settings) {
        try {
            return SslContextBuilder.forClient()
                    .keyManager(keyManagers(settings))
                    .trustManager(trustManagers(settings))
                    .sslProvider(SslProvider.JDK)
                    .protocols(settings.protocols())
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw invalid(settings, e);
        }
    }

    private static KeyManagerFactory keyManagers(TlsSettings settings) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(
                new File(settings.keyStore()), settings.keyStorePassword().toCharArray());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, settings.keyPassword().toCharArray());
        return factory;
    }

    private static TrustManagerFactory trustManagers(TlsSettings settings)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(
                new File(settings.trustStore()), settings.trustStorePassword().toCharArray());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static EmberException invalid(TlsSettings settings, Exception cause) {
        return new EmberException(
                ErrorClass.INVALID_CONFIG_VALUE,
                "Cannot set up TLS from ember.ssl.keyStore=" + settings.keyStore() + " and ember.ssl.trustStore="
                        + settings.trustStore() + ": " + cause.getMessage(),
                cause);
    }
}
