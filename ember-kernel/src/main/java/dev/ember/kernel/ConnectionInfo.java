package dev.ember.kernel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Jupyter connection file: where the kernel's five sockets listen, and the key that signs messages. Written by the
 * front end, which passes its path as the kernel's argument.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionInfo(
        @JsonProperty("transport") String transport,
        @JsonProperty("ip") String ip,
        @JsonProperty("shell_port") int shellPort,
        @JsonProperty("iopub_port") int iopubPort,
        @JsonProperty("stdin_port") int stdinPort,
        @JsonProperty("control_port") int controlPort,
        @JsonProperty("hb_port") int hbPort,
        @JsonProperty("key") String key,
        @JsonProperty("signature_scheme") String signatureScheme,
        @JsonProperty("kernel_name") String kernelName) {

    /** Reads and checks a connection file, saying what is wrong with it and where. */
    public static ConnectionInfo read(Path file) {
        ConnectionInfo info;
        try {
            info = new ObjectMapper().readValue(file.toFile(), ConnectionInfo.class);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Cannot read the connection file " + file + ": " + e.getMessage(), e);
        }
        String problem = info.problem();
        if (problem != null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Invalid connection file " + file + ": " + problem);
        }
        return info;
    }

    private String problem() {
        if (!"tcp".equals(transport)) {
            return "transport is '" + transport + "'; this kernel listens on tcp only";
        }
        if (ip == null || ip.isBlank()) {
            return "no ip";
        }
        for (int port : new int[] {shellPort, iopubPort, stdinPort, controlPort, hbPort}) {
            if (port < 1 || port > 65535) {
                return "ports must be from 1 to 65535, got " + port;
            }
        }
        if (key != null && !key.isEmpty() && !"hmac-sha256".equals(signatureScheme)) {
            return "signature_scheme is '" + signatureScheme + "'; this kernel signs with hmac-sha256";
        }
        return null;
    }

    /** The ZeroMQ address of {@code port}. */
    String address(int port) {
        return transport + "://" + ip + ":" + port;
    }

    /** The key as bytes; empty when messages are not signed. */
    byte[] keyBytes() {
        return key == null ? new byte[0] : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
