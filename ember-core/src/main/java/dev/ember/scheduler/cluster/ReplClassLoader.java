package dev.ember.scheduler.cluster;

import dev.ember.network.client.StreamCallback;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.serializer.Serializer;
import dev.ember.util.ReplClasses;
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
 * directory ({@code ember.repl.class.outputDir}) as streams named {@code class/BINARY_NAME}, and a snippet's class
 * gets the values of its variables from {@code replstate/BINARY_NAME} ({@link ReplVariables}). Classes the driver does
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
    private final Serializer closures;

    /**
     * A loader asking {@code driver} for classes {@code parent} does not have, within {@code timeout} each, reading
     * the values of their variables with {@code closures}.
     */
    public ReplClassLoader(
            ClassLoader parent, RpcEnv rpcEnv, RpcAddress driver, Duration timeout, Serializer closures) {
        super("ember-repl", parent);
        this.rpcEnv = rpcEnv;
        this.driver = driver;
        this.timeout = timeout;
        this.closures = closures;
    }

    /** Whether the driver answered a stream request by saying it has no such stream ({@code BLOCK_UNAVAILABLE}). */
    private static boolean driverHasNone(Throwable failure) {
        return failure instanceof dev.ember.EmberException remote
                && remote.errorClass() == dev.ember.ErrorClass.REMOTE_FAILURE
                && String.valueOf(remote.getMessage()).contains("[" + dev.ember.ErrorClass.BLOCK_UNAVAILABLE + "]");
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
        byte[] bytes = fetch(ClusterDriver.CLASS_PREFIX, name);
        if (bytes == null) {
            missing.add(name);
            throw new ClassNotFoundException(name + " (neither on the class path nor compiled in the driver)");
        }
        // The snippet's variables, as the driver has them (ReplVariables), fetched before the class is defined: a
        // class that could not get them is not defined, and the next attempt asks again.
        byte[] state =
                name.startsWith(ReplClasses.PACKAGE_PREFIX) ? fetch(ClusterDriver.REPL_STATE_PREFIX, name) : null;
        Class<?> type = defineClass(name, bytes, 0, bytes.length);
        if (state != null) {
            ReplVariables.restore(type, state, closures.newInstance(), this);
        }
        return type;
    }

    /**
     * The stream {@code prefix + name} from the driver, or null if the driver answered that it has none. Any other
     * failure (a lost connection, a timeout) is a {@link ClassNotFoundException} with that failure as its cause:
     * nothing is remembered, and the task that needed the class may be retried.
     */
    private byte[] fetch(String prefix, String name) throws ClassNotFoundException {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            rpcEnv.openStream(driver, prefix + name, new StreamCallback() {
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
            if (driverHasNone(e.getCause())) {
                LOG.debug(
                        "The driver has no {}{}: {}", prefix, name, e.getCause().getMessage());
                return null;
            }
            throw new ClassNotFoundException(name + ": cannot fetch it from the driver: " + e.getCause(), e.getCause());
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
