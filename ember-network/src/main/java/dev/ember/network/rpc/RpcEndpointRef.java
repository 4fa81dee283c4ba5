package dev.ember.network.rpc;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A handle on an endpoint, local or remote, through which messages are sent. References travel inside messages:
 * one read from a message by an {@link RpcEnv} is bound to that environment, so the receiver can answer through it.
 */
public final class RpcEndpointRef {
    private final RpcAddress address;
    private final String name;
    private final RpcEnv env;

    RpcEndpointRef(RpcAddress address, String name, RpcEnv env) {
        this.address = requireNonNull(address, "address is null");
        this.name = requireNonNull(name, "name is null");
        this.env = env;
    }

    public RpcAddress address() {
        return address;
    }

    public String name() {
        return name;
    }

    /** Sends a message without waiting; delivery failures are logged by the sending environment. */
    public void send(Object message) {
        env().send(this, requireNonNull(message, "message is null"));
    }

    /** Asks, with {@code ember.rpc.askTimeout}; the future fails with {@link ErrorClass#TIMEOUT} when it runs out. */
    public <T> CompletableFuture<T> ask(Object message) {
        return ask(message, env().askTimeout());
    }

    public <T> CompletableFuture<T> ask(Object message, Duration timeout) {
        return env().ask(this, requireNonNull(message, "message is null"), requireNonNull(timeout, "timeout is null"));
    }

    /** Asks and waits for the reply, at most {@code timeout}. */
    public <T> T askSync(Object message, Duration timeout) {
        CompletableFuture<T> reply = ask(message, timeout);
        try {
            // The future times out on its own; the extra second only guards against a lost timer.
            return reply.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EmberException(ErrorClass.REMOTE_FAILURE, "Ask to " + this + " failed: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new EmberException(ErrorClass.TIMEOUT, "Ask to " + this + " timed out after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmberException(ErrorClass.INTERNAL_ERROR, "Interrupted while asking " + this, e);
        }
    }

    private RpcEnv env() {
        if (env == null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The reference to " + this + " was not received through an RPC environment and cannot send");
        }
        return env;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RpcEndpointRef ref && ref.address.equals(address) && ref.name.equals(name);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return "ember://" + name + "@" + address.hostPort();
    }
}
