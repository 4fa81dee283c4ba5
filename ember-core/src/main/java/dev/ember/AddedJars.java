package dev.ember;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The jars added to a running application ({@link EmberContext#addJar}). Jobs carry their names in the property
 * {@value #PROPERTY}, so that executors fetch the ones they do not have before running a task.
 */
final class AddedJars {
    /** The job property listing added jars by file name, separated by commas. */
    static final String PROPERTY = dev.ember.scheduler.cluster.ClusterDriver.ADDED_JARS_PROPERTY;

    private final Map<String, Path> jars = new LinkedHashMap<>();

    /** Checks that {@code path} is a jar, has {@code serve} make it available to executors, and records it. */
    synchronized void add(String path, java.util.function.Consumer<Path> serve) {
        Path jar = Path.of(path).toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(jar)
                || !jar.getFileName().toString().endsWith(".jar")) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "addJar: " + path + " is not a jar file");
        }
        String name = jar.getFileName().toString();
        Path known = jars.get(name);
        if (known != null && !known.equals(jar)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "addJar: a jar named " + name + " was already added from " + known + "; rename one of them");
        }
        serve.accept(jar);
        jars.put(name, jar);
    }

    synchronized List<String> paths() {
        List<String> paths = new ArrayList<>();
        jars.values().forEach(path -> paths.add(path.toString()));
        return paths;
    }

    /** {@code properties} (the thread's own, never changed) with the added jars' names, when there are any. */
    synchronized Properties withJars(Properties properties) {
        if (jars.isEmpty()) {
            return properties;
        }
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.setProperty(PROPERTY, String.join(",", jars.keySet()));
        return copy;
    }
}
