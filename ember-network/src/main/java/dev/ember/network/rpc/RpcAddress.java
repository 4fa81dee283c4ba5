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

    /**
     * Reads {@code HOST:PORT} (the port from 1 to 65535; the host may itself hold colons, as IPv6 addresses do).
     *
     * @throws IllegalArgumentException saying what was expected and what was given
     */
    public static RpcAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "Expected HOST:PORT with a port from 1 to 65535, got '" + hostPort + "'");
        }
        return new RpcAddress(hostPort.substring(0, colon), port);
    }

    /** This machine's address as others would reach it; 127.0.0.1 when the host name does not resolve. */
    public static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "127.0.0.1";
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
