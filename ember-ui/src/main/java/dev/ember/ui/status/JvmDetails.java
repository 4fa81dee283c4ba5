package dev.ember.ui.status;

import dev.ember.events.EmberListenerEvent;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The JVM the driver ran on: its Java version and home, system properties (redacted when shown) and class path.
 * Posted by the UI when the context starts, so that event logs carry it to the history server.
 */
public record JvmDetails(
        String javaVersion, String javaHome, Map<String, String> systemProperties, List<String> classPath)
        implements EmberListenerEvent.Custom {
    public JvmDetails {
        systemProperties = Map.copyOf(systemProperties);
        classPath = List.copyOf(classPath);
    }

    /** This JVM's details. */
    public static JvmDetails ofThisJvm() {
        Properties system = System.getProperties();
        Map<String, String> properties = new TreeMap<>();
        for (String name : system.stringPropertyNames()) {
            properties.put(name, system.getProperty(name));
        }
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(entry);
            }
        }
        return new JvmDetails(
                System.getProperty("java.version", ""), System.getProperty("java.home", ""), properties, classPath);
    }
}
