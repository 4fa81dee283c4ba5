package dev.ember.config;

import java.util.List;

/**
 * Lists the configuration entries of one module. Implementations are found with {@link java.util.ServiceLoader}
 * (a line in {@code META-INF/services/dev.ember.config.ConfigProvider}); loading the holder class is what
 * registers its entries.
 */
public interface ConfigProvider {
    /** The entries this module declares. */
    List<ConfigEntry<?>> entries();
}
