package dev.ember.connect;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.JobClassScope;
import dev.ember.connect.rdd.RddExecution;
import dev.ember.util.FileUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classes of one session's RDD jobs: the jar artifacts a job names, written to a directory of the session's,
 * loaded on the driver by a class loader over the server's, and run on executors in a job class scope of their own
 * ({@link JobClassScope}). Each distinct set of jars (by content) is its own scope, so that a client that changed
 * its code and uploaded it again runs the new classes, not those an earlier job loaded. Scopes end with the session
 * (at most {@value #MAX_SCOPES} of them).
 */
final class SessionClasses {
    private static final Logger LOG = LoggerFactory.getLogger(SessionClasses.class);

    /** The most distinct jar sets a session may use; each keeps a class loader until the session ends. */
    private static final int MAX_SCOPES = 64;

    private final String sessionKey;
    private final EmberContext context;
    private final Map<String, RddExecution.Classes> scopes = new LinkedHashMap<>();
    /** Arrays compare by identity, and a replaced artifact's array is let go. */
    private final Map<byte[], String> hashes = new java.util.WeakHashMap<>();

    private Path directory;
    private boolean closed;

    SessionClasses(String sessionKey, EmberContext context) {
        this.sessionKey = sessionKey;
        this.context = context;
    }

    /** The classes of the jar artifacts {@code names} ({@code jars/...}), which {@code artifacts} resolves. */
    synchronized RddExecution.Classes classes(
            List<String> names, java.util.function.Function<String, byte[]> artifacts) {
        if (closed) {
            throw ConnectErrors.invalid("INVALID_HANDLE.SESSION_CLOSED", "The session is closed");
        }
        MessageDigest digest = sha256();
        List<byte[]> contents = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (String name : names) {
            byte[] bytes = name.startsWith("jars/") && name.endsWith(".jar") ? artifacts.apply(name) : null;
            if (bytes == null) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The RDD job names the class jar '" + clip(name) + "', which this session has not"
                                + " uploaded (AddArtifacts, under jars/)");
            }
            String hash = hash(bytes);
            contents.add(bytes);
            hashes.add(hash);
            digest.update(hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        String key = HexFormat.of().formatHex(digest.digest(), 0, 8);
        RddExecution.Classes known = scopes.get(key);
        if (known != null) {
            return known;
        }
        if (scopes.size() >= MAX_SCOPES) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "This session has run jobs with " + MAX_SCOPES + " different sets of class jars; start a new"
                            + " session for more");
        }
        List<Path> jars = new ArrayList<>();
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("ember-connect-classes-");
            }
            for (int i = 0; i < contents.size(); i++) {
                Path jar = directory.resolve(hashes.get(i) + ".jar");
                if (!Files.exists(jar)) {
                    Files.write(jar, contents.get(i));
                }
                jars.add(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the session's class jars into " + directory, e);
        }
        RddExecution.Classes classes =
                new RddExecution.Classes(sessionKey + "-" + key, List.copyOf(jars), loader(jars));
        scopes.put(key, classes);
        return classes;
    }

    /** Releases every scope and deletes the jars. */
    synchronized void close() {
        closed = true;
        scopes.values().forEach(this::release);
        scopes.clear();
        if (directory != null) {
            try {
                FileUtils.deleteRecursively(directory);
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the session's class jars in {}", directory, e);
            }
        }
    }

    private static String clip(String name) {
        return name.length() > 200 ? name.substring(0, 197) + "..." : name;
    }

    private void release(RddExecution.Classes classes) {
        try {
            ((URLClassLoader) classes.loader()).close();
            JobClassScope.release(context, classes.scope(), classes.jars());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not release the class scope {}", classes.scope(), e);
        }
    }

    private static URLClassLoader loader(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new URLClassLoader("ember-connect-session", urls, SessionClasses.class.getClassLoader());
    }

    /**
     * A jar's content hash, remembered for the very array the session holds (artifacts are replaced, never changed in
     * place), so that a session's every job does not hash its jars again.
     */
    private String hash(byte[] bytes) {
        String known = hashes.get(bytes);
        if (known == null) {
            known = HexFormat.of().formatHex(sha256().digest(bytes), 0, 16);
            hashes.put(bytes, known);
        }
        return known;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
