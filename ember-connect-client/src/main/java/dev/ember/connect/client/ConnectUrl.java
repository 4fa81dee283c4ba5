package dev.ember.connect.client;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A Spark Connect URL, {@code sc://host[:port][/;param=value;...]}, with the parameters Spark's clients know:
 * {@code token} (bearer token; implies TLS unless {@code use_ssl=false}), {@code use_ssl}, {@code user_id}, and
 * {@code session_id} (to join a session that exists).
 */
record ConnectUrl(String host, int port, String token, boolean useSsl, String userId, String sessionId) {
    static final int DEFAULT_PORT = 15002;

    static ConnectUrl parse(String url) {
        if (url == null || !url.startsWith("sc://")) {
            throw invalid(url, "it must start with sc://");
        }
        String rest = url.substring("sc://".length());
        String params = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            params = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String host = rest;
        int port = DEFAULT_PORT;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && !rest.endsWith("]")) {
            host = rest.substring(0, colon);
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalid(url, "the port '" + rest.substring(colon + 1) + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw invalid(url, "the port " + port + " is out of range");
            }
        }
        if (host.isEmpty()) {
            throw invalid(url, "it names no host");
        }
        String token = null;
        Boolean ssl = null;
        String user = System.getProperty("user.name", "");
        String session = null;
        for (String param : params.split(";")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            if (eq <= 0) {
                throw invalid(url, "the parameter '" + param + "' is not key=value");
            }
            String key = param.substring(0, eq);
            String value = URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
            switch (key) {
                case "token" -> token = value;
                case "use_ssl" -> ssl = Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
                case "user_id" -> user = value;
                case "session_id" -> session = value;
                default -> {
                    // Other parameters (user_agent, grpc options) are the server's business or unused here.
                }
            }
        }
        return new ConnectUrl(host, port, token, ssl != null ? ssl : token != null, user, session);
    }

    private static EmberException invalid(String url, String why) {
        String shown = url == null ? "null" : url.replaceAll("token=[^;]*", "token=***");
        return new EmberException(ErrorClass.INVALID_ARGUMENT, "Not a Connect URL: '" + shown + "': " + why);
    }
}
