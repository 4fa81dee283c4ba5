package dev.ember.scheduler.cluster;

import dev.ember.network.client.StreamCallback;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEnv;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor's loader for classes an interpreter compiled in the driver (notebook cells: their classes, methods and
 * lambdas): a class its parent does not know is fetched from the driver, which serves the interpreter's output
 * directory ({@code ember.repl.class.outputDir}) as streams named {@code class/BINARY_NAME}. Classes the driver does
 * not have are remembered, so each is asked for once.
 */
public final class ReplClassLoader extends ClassLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ReplClassLoader.class);

    static {
        registerAsParallelCapable();
    }

    private final RpcEnv rpcEnv;
    private final RpcAddress driver;
    private final Duration timeout;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    public ReplClassLoader(ClassLoader parent, RpcEnv rpcEnv, RpcAddress driver, Duration timeout) {
        super("ember-repl", parent);
        this.rpcEnv = rpcEnv;
        this.driver = driver;
        this.timeout = timeout;
    }

    /** Whether {@code name} looks like a binary class name: letters, digits, '_', '$' and dots between parts. */
    public static boolean isClassName(String name) {
        if (name == null || name.isEmpty() || name.length() > 1000 || name.startsWith(".") || name.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    Character.isLetterOrDigit(c) || c == '_' || c == '$' || (c == '.' && name.charAt(i - 1) != '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!isClassName(name) || missing.contains(name)) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes = fetch(name);
        if (bytes == null) {
            missing.add(name);
            throw new ClassNotFoundException(name + " (neither on the class path nor compiled in the driver)");
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** The class's bytes from the driver, or null if it has none. */
    private byte[] fetch(String name) throws ClassNotFoundException {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            rpcEnv.openStream(driver, ClusterDriver.CLASS_PREFIX + name, new StreamCallback() {
                @Override
                public void onData(String id, ByteBuffer data) {
                    byte[] chunk = new byte[data.remaining()];
                    data.get(chunk);
                    synchronized (bytes) {
                        bytes.write(chunk, 0, chunk.length);
                    }
                }

                @Override
                public void onComplete(String id) {
                    synchronized (bytes) {
                        done.complete(bytes.toByteArray());
                    }
                }

                @Override
                public void onFailure(String id, Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.debug("The driver has no class {}: {}", name, e.getCause().getMessage());
            return null;
        } catch (TimeoutException e) {
            throw new ClassNotFoundException(name + ": the driver did not send it within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassNotFoundException(name + ": interrupted while fetching it from the driver", e);
        } catch (RuntimeException e) {
            throw new ClassNotFoundException(name + ": cannot ask the driver: " + e.getMessage(), e);
        }
    }
}
