package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.network.NetworkConfig;
import dev.ember.scheduler.cluster.CoarseGrainedExecutorBackend;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a worker hands its executors that must not appear on a command line or in the master's records: the shared
 * secret and TLS passwords go in environment variables, the rest of its TLS settings as system properties. An
 * executor runs on its worker's machine, so it uses the worker's key and trust stores.
 */
final class ExecutorSecrets {
    private ExecutorSecrets() {}

    /** Environment variables for executors: the secret, and each password setting as {@code EMBER_CONF_<key>}. */
    static Map<String, String> environment(EmberConf conf) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (conf.get(NetworkConfig.AUTHENTICATE)) {
            NetworkConfig.secret(conf).ifPresent(secret -> environment.put(NetworkConfig.SECRET_ENV, secret));
        }
        conf.getAll().forEach((key, value) -> {
            if (isPassword(key)) {
                environment.put(CoarseGrainedExecutorBackend.CONF_ENV_PREFIX + key.replace('.', '_'), value);
            }
        });
        return environment;
    }

    /** The worker's TLS settings other than passwords. */
    static Map<String, String> sslSettings(EmberConf conf) {
        Map<String, String> settings = new LinkedHashMap<>();
        conf.getAll().forEach((key, value) -> {
            if (key.startsWith("ember.ssl.") && !isPassword(key)) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    static boolean isPassword(String key) {
        return key.startsWith("ember.ssl.")
                && key.toLowerCase(java.util.Locale.ROOT).endsWith("password");
    }
}
