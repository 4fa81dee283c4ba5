package dev.ember.connect.client;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.serializer.JavaSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Finds the code a job's functions need and packs it as jar artifacts: for each class found in the job's payloads
 * (and each lambda's writer), the class path entry it was loaded from, a jar as it is or a directory of classes
 * packed into one, and this client's own classes with them. The JDK's classes and those the server has (the API's,
 * the serializer's) are left out. A library the functions only call (and never hold) is not found this way: add it with
 * {@link EmberConnect#addJar}.
 *
 * <p>Names are {@code jars/<sha-256 prefix>-<file>.jar}, so that equal code is uploaded once per session and changed
 * code is a new artifact.
 */
final class ClassShipper {
    /** A jar to upload: its artifact name and content. */
    record Jar(String name, byte[] bytes) {}

    private static final long MAX_DIRECTORY_BYTES = 256L << 20;

    private final Set<Path> serverSide = new LinkedHashSet<>();
    private final Map<Path, Packed> packed = new java.util.HashMap<>();
    private final Path client = location(ClassShipper.class);

    ClassShipper() {
        for (Class<?> known : new Class<?>[] {Pair.class, JavaSerializer.class}) {
            Path location = location(known);
            if (location != null) {
                serverSide.add(location);
            }
        }
    }

    /** The jars holding {@code classes}, in the order their classes were met. */
    List<Jar> jarsFor(Set<Class<?>> classes) {
        Set<Path> locations = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            Path location = location(type);
            // An entry the server has is left out for Ember's own classes only: a user's class in a fat jar that
            // also holds the client ships the jar (where the server's own classes still win).
            if (location != null
                    && !(serverSide.contains(location) && type.getName().startsWith("dev.ember."))) {
                locations.add(location);
            }
        }
        // Code that builds jobs refers to this client (EmberConnect, RemoteRdd), and loading it needs those classes
        // wherever it is loaded, executors included, which do not have them.
        if (!locations.isEmpty() && client != null) {
            locations.add(client);
        }
        List<Jar> jars = new ArrayList<>();
        for (Path location : locations) {
            jars.add(packed(location));
        }
        return jars;
    }

    /**
     * {@code location} packed, again only when its files changed (by their names, sizes and times): a notebook runs
     * many actions over the same build output, which need not be read, zipped and hashed every time.
     */
    private synchronized Jar packed(Path location) {
        String fingerprint;
        try {
            fingerprint = fingerprint(location);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the classes at " + location, e);
        }
        Packed known = packed.get(location);
        if (known != null && known.fingerprint().equals(fingerprint)) {
            return known.jar();
        }
        Jar jar = pack(location);
        packed.put(location, new Packed(fingerprint, jar));
        return jar;
    }

    private record Packed(String fingerprint, Jar jar) {}

    private static String fingerprint(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            return Files.size(location) + "@"
                    + Files.getLastModifiedTime(location).toMillis();
        }
        long files = 0;
        long bytes = 0;
        long newest = 0;
        int names = 0;
        try (Stream<Path> walk = Files.walk(location)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files++;
                bytes += Files.size(file);
                newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
                names += location.relativize(file).toString().hashCode();
            }
        }
        return files + ":" + bytes + ":" + newest + ":" + names;
    }

    /** The jar at {@code path}, to ship as it is. */
    static Jar jar(Path path) {
        if (!Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "addJar: " + path + " is not a jar file");
        }
        return pack(path);
    }

    private static Jar pack(Path location) {
        try {
            byte[] bytes = Files.isDirectory(location) ? packDirectory(location) : Files.readAllBytes(location);
            String file = Files.isDirectory(location)
                    ? "classes.jar"
                    : location.getFileName().toString();
            String safe = file.replaceAll("[^A-Za-z0-9._-]", "_");
            return new Jar("jars/" + sha256(bytes) + "-" + safe, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the classes at " + location, e);
        }
    }

    /**
     * A directory of classes (a build's output) as a jar: every file but those under hidden directories
     * ({@code .git}), in a stable order, without timestamps. A directory of more than {@value #MAX_DIRECTORY_BYTES}
     * bytes is refused: it is likely not a build's output (a program started from its working directory).
     */
    private static byte[] packDirectory(Path directory) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = directory.relativize(file);
                boolean hidden = false;
                for (Path part : relative) {
                    hidden |= part.toString().startsWith(".");
                }
                if (hidden) {
                    continue;
                }
                total += Files.size(file);
                if (total > MAX_DIRECTORY_BYTES) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "The classes of this job come from " + directory + ", which holds over "
                                    + MAX_DIRECTORY_BYTES + " bytes; package them in a jar and add it with addJar");
                }
                files.put(relative.toString().replace(java.io.File.separatorChar, '/'), file);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(0);
                zip.putNextEntry(entry);
                Files.copy(file.getValue(), zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The class path entry {@code type} was loaded from; null for the JDK's classes and generated ones. */
    private static Path location(Class<?> type) {
        if (type.isArray()) {
            return location(type.componentType());
        }
        if (type.isPrimitive() || type.getClassLoader() == null) {
            return null;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
