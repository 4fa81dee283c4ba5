package dev.ember.network.rpc;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/** Where an RPC environment listens. */
public record RpcAddress(String host, int port) implements Serializable {
    public RpcAddress {
        requireNonNull(host, "host is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public String hostPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return hostPort();
    }
}
