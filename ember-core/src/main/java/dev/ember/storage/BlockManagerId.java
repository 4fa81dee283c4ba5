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

    @Override
    public String toString() {
        return "BlockManagerId(" + executorId + ", " + host + ", " + port + ")";
    }
}
