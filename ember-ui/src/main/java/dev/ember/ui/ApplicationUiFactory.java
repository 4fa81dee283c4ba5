package dev.ember.ui;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.events.LiveListenerBus;
import dev.ember.network.NetworkConfig;
import dev.ember.network.http.HttpServer;
import dev.ember.status.StatusUi;
import java.time.Duration;

/** What the context finds by name to start its UI ({@link StatusUi#FACTORY}). */
public final class ApplicationUiFactory implements StatusUi.Factory {
    @Override
    public StatusUi start(EmberConf conf, LiveListenerBus bus) {
        return ApplicationUi.start(conf, bus);
    }

    /**
     * The HTTP server's options for a UI ({@code name}: "application UI", "history server") on {@code host:port}:
     * its timeouts, and with {@code ember.authenticate} on the credentials it asks for ({@code ember.ui.user} and
     * {@code ember.ui.password}, the password defaulting to the shared secret).
     */
    public static HttpServer.Options serverOptions(EmberConf conf, String host, int port, String name) {
        HttpServer.Options options = new HttpServer.Options(
                name,
                host,
                port,
                ApplicationUi.PORT_RETRIES,
                Duration.ofMillis(conf.get(UiConfig.REQUEST_TIMEOUT)),
                Duration.ofSeconds(30),
                2,
                null,
                null,
                name.equals("application UI")
                        ? "choose another with ember.ui.port, or turn the UI off with ember.ui.enabled=false"
                        : "choose another with --port");
        if (conf.get(NetworkConfig.AUTHENTICATE)) {
            String password = conf.getOptional(UiConfig.PASSWORD)
                    .or(() -> NetworkConfig.secret(conf))
                    .orElseThrow(() -> new EmberException(
                            ErrorClass.MISSING_CONFIG,
                            "ember.authenticate is on but neither ember.ui.password nor ember.authenticate.secret is"
                                    + " set: the " + name + " would have no password to ask for"));
            options = options.withCredentials(conf.get(UiConfig.USER), password);
        }
        return options;
    }
}
