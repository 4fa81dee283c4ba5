package dev.ember.config;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All configuration entries known in this JVM. Entries register themselves when declared; {@link #all()} first
 * loads every module's {@link ConfigProvider} so the answer covers the whole class path.
 */
public final class ConfigRegistry {
    private static final Map<String, ConfigEntry<?>> ENTRIES = new ConcurrentHashMap<>();
    private static volatile boolean providersLoaded;
    private static volatile boolean builtInsLoaded;

    /**
     * The engine's own providers, loaded by name: a key they declare is found without a {@link ServiceLoader} scan,
     * which opens every jar of the class path (tens of milliseconds of every start). Modules that are not on the
     * class path are skipped; providers of other libraries are found by the scan, run when a key is not known here.
     */
    private static final List<String> BUILT_IN_PROVIDERS = List.of(
            "dev.ember.config.CommonConfig",
            "dev.ember.config.CoreConfig",
            "dev.ember.network.NetworkConfig",
            "dev.ember.deploy.DeployConfig",
            "dev.ember.sql.SqlConfig",
            "dev.ember.ui.UiConfig",
            "dev.ember.kernel.KernelConfig");

    private ConfigRegistry() {}

    static <T> ConfigEntry<T> register(ConfigEntry<T> entry) {
        ConfigEntry<?> previous = ENTRIES.putIfAbsent(entry.key(), entry);
        if (previous != null) {
            throw new IllegalStateException("Config key declared twice: " + entry.key());
        }
        return entry;
    }

    /** Every entry, sorted by key. */
    public static List<ConfigEntry<?>> all() {
        loadProviders();
        List<ConfigEntry<?>> entries = new ArrayList<>(ENTRIES.values());
        entries.sort(Comparator.comparing(ConfigEntry::key));
        return entries;
    }

    /** The entry declared for {@code key}. */
    public static Optional<ConfigEntry<?>> find(String key) {
        return Optional.ofNullable(lookUp(key));
    }

    /** The entry for {@code key}: among those registered, the built-in providers', then every provider's. */
    private static ConfigEntry<?> lookUp(String key) {
        ConfigEntry<?> entry = ENTRIES.get(key);
        if (entry == null && !builtInsLoaded) {
            loadBuiltIns();
            entry = ENTRIES.get(key);
        }
        if (entry == null && !providersLoaded) {
            loadProviders();
            entry = ENTRIES.get(key);
        }
        return entry;
    }

    /**
     * Checks every setting of {@code conf}: a known key whose value does not parse fails with
     * {@link ErrorClass#INVALID_CONFIG_VALUE}; an unknown {@code ember.*} key is reported in the returned list of
     * warnings, with the closest known key when one is near.
     */
    public static List<String> validate(EmberConf conf) {
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, String> setting : conf.getAll().entrySet()) {
            String key = setting.getKey();
            ConfigEntry<?> entry = lookUp(key);
            if (entry != null) {
                parseOrFail(entry, setting.getValue(), conf.originOf(key));
            } else if (key.startsWith("ember.") && !isFreeFormKey(key)) {
                String warning = "Unknown configuration key " + key + " (ignored)";
                Optional<String> suggestion = suggest(key);
                warnings.add(suggestion
                        .map(s -> warning + "; did you mean " + s + "?")
                        .orElse(warning));
            }
        }
        return warnings;
    }

    /** Parses {@code raw} for {@code entry}, turning a bad value into a one-line user error. */
    public static <T> T parseOrFail(ConfigEntry<T> entry, String raw, String origin) {
        try {
            return entry.parse(raw);
        } catch (IllegalArgumentException e) {
            String where = origin == null ? "" : " (set in " + origin + ")";
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "Invalid value '" + raw + "' for " + entry.key() + where + ": " + e.getMessage());
        }
    }

    private static boolean isFreeFormKey(String key) {
        // Prefixes whose keys are not declared one by one: executor environment variables, extra JVM options,
        // and keys left to applications (ember.user.*).
        return key.startsWith("ember.executorEnv.")
                || key.startsWith("ember.driver.extraJavaOptions")
                || key.startsWith("ember.user.");
    }

    /** The known key closest to {@code key} by edit distance, if it is close enough to be a typo. */
    public static Optional<String> suggest(String key) {
        loadProviders();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : ENTRIES.keySet()) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 5) ? Optional.of(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static synchronized void loadBuiltIns() {
        if (builtInsLoaded) {
            return;
        }
        for (String name : BUILT_IN_PROVIDERS) {
            try {
                Class<?> type = Class.forName(name, true, ConfigRegistry.class.getClassLoader());
                ((ConfigProvider) type.getDeclaredConstructor().newInstance()).entries();
            } catch (ClassNotFoundException e) {
                // That module is not on the class path.
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("Cannot load the configuration entries of " + name, e);
            }
        }
        builtInsLoaded = true;
    }

    private static synchronized void loadProviders() {
        if (providersLoaded) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ConfigRegistry.class.getClassLoader();
        }
        for (ConfigProvider provider : ServiceLoader.load(ConfigProvider.class, loader)) {
            provider.entries();
        }
        providersLoaded = true;
    }
}
