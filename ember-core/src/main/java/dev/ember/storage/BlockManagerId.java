package dev.ember.storage;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * Identifies a block manager: the executor it belongs to ({@code driver} for the driver's) and where it can be
 * reached.
 */
public record BlockManagerId(String executorId, String host, int port) implements Serializable {
    public static final String DRIVER = "driver";

    public BlockManagerId {
        requireNonNull(executorId, "executorId is null");
        requireNonNull(host, "host is null");
    }

    public boolean isDriver() {
        return DRIVER.equals(executorId);
    }

    public String hostPort() {
        return host + ":" + port;
    }

    // equals and hashCode are written out: a record's generated ones are linked through method handles on their
    // first call, which the driver's start-up would pay for when it registers its own block manager.
    @Override
    public boolean equals(Object other) {
        return other instanceof BlockManagerId that
                && port == that.port
                && executorId.equals(that.executorId)
                && host.equals(that.host);
    }

    @Override
    public int hashCode() {
        return (executorId.hashCode() * 31 + host.hashCode()) * 31 + port;
    }

    @Override
    public String toString() {
        return "BlockManagerId(" + executorId + ", " + host + ", " + port + ")";
    }
}
