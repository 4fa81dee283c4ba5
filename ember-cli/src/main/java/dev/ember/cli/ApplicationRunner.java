package dev.ember.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Runs an application's {@code main} in this JVM: its jar and extra jars on a class loader of their own (which is
 * also the thread's context loader, where Ember resolves user classes), the launch's settings installed as system
 * properties for the duration.
 */
final class ApplicationRunner {
    private ApplicationRunner() {}

    /**
     * Runs {@code mainClass} (or the jar's {@code Main-Class}) from {@code appJar} with {@code args}.
     *
     * @param appJar the application jar, or null to load the class from the launcher's own class path
     */
    static void run(Path appJar, List<Path> jars, String mainClass, List<String> args, LaunchSettings settings)
            throws Exception {
        List<URL> urls = new ArrayList<>();
        if (appJar != null) {
            urls.add(toUrl(requireFile(appJar, "Application jar")));
        }
        for (Path jar : jars) {
            urls.add(toUrl(requireFile(jar, "Jar")));
        }
        String className = mainClass != null ? mainClass : manifestMainClass(appJar);
        ClassLoader parent = ApplicationRunner.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), parent);
                AutoCloseable installed = settings.install()) {
            Method main = mainMethod(loader, className, appJar);
            thread.setContextClassLoader(loader);
            try {
                main.invoke(null, (Object) args.toArray(new String[0]));
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Path requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new LaunchException(what + " " + file.toAbsolutePath() + " does not exist");
        }
        return file;
    }

    private static URL toUrl(Path file) {
        try {
            return file.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new LaunchException("Cannot use " + file + " as a class path entry", e);
        }
    }

    static String manifestMainClass(Path appJar) {
        if (appJar == null) {
            throw new LaunchException("No main class given: use --class");
        }
        try (JarFile jar = new JarFile(appJar.toFile())) {
            String declared = jar.getManifest() == null
                    ? null
                    : jar.getManifest().getMainAttributes().getValue("Main-Class");
            if (declared == null || declared.isBlank()) {
                throw new LaunchException(
                        "No main class given and " + appJar + " declares none in its manifest: use --class");
            }
            return declared.trim();
        } catch (IOException e) {
            throw new LaunchException(appJar + " is not a readable jar: " + e.getMessage(), e);
        }
    }

    private static Method mainMethod(ClassLoader loader, String className, Path appJar) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            String where = appJar == null ? "the class path" : appJar.getFileName() + " (or --jars)";
            throw new LaunchException("Class " + className + " was not found in " + where, e);
        } catch (LinkageError e) {
            throw new LaunchException("Class " + className + " cannot be loaded: " + e, e);
        }
        try {
            Method main = type.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new LaunchException("The main method of " + className + " is not static");
            }
            return main;
        } catch (NoSuchMethodException e) {
            throw new LaunchException("Class " + className + " has no 'public static void main(String[])'", e);
        }
    }
}
