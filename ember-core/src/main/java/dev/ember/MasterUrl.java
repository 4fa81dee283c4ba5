package dev.ember;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed master URL. {@code local} runs one task at a time; {@code local[N]} N at a time; {@code local[*]} one per
 * core; {@code local[N,F]} and {@code local[*,F]} also set the attempts per task to F. {@code ember://host:port} and
 * {@code local-cluster[W,C,M]} run executors in other processes, through a cluster manager.
 *
 * @param threads task slots in local mode; 0 for a cluster
 * @param maxFailures attempts per task before the job fails
 */
record MasterUrl(String url, int threads, int maxFailures) {
    boolean isCluster() {
        return threads == 0;
    }

    private static final Pattern LOCAL_N = Pattern.compile("local\\[([0-9]+|\\*)\\]");
    private static final Pattern LOCAL_N_FAILURES = Pattern.compile("local\\[([0-9]+|\\*)\\s*,\\s*([0-9]+)\\]");
    private static final Pattern CLUSTER = Pattern.compile("(local-cluster\\[.*\\]|ember://.*)");

    static MasterUrl parse(String url, int defaultMaxFailures) {
        String trimmed = url.trim();
        if (trimmed.equals("local")) {
            return new MasterUrl(trimmed, 1, defaultMaxFailures);
        }
        Matcher matcher = LOCAL_N.matcher(trimmed);
        if (matcher.matches()) {
            return new MasterUrl(trimmed, threads(matcher.group(1), url), defaultMaxFailures);
        }
        matcher = LOCAL_N_FAILURES.matcher(trimmed);
        if (matcher.matches()) {
            int failures = Integer.parseInt(matcher.group(2));
            if (failures < 1) {
                throw invalid(url, "the number of attempts must be at least 1");
            }
            return new MasterUrl(trimmed, threads(matcher.group(1), url), failures);
        }
        if (CLUSTER.matcher(trimmed).matches()) {
            // The cluster manager checks the rest of the URL.
            return new MasterUrl(trimmed, 0, defaultMaxFailures);
        }
        if (trimmed.startsWith("spark://")) {
            throw invalid(url, "did you mean 'ember://" + trimmed.substring("spark://".length()) + "'?");
        }
        throw invalid(url, null);
    }

    private static int threads(String text, String url) {
        if (text.equals("*")) {
            return Runtime.getRuntime().availableProcessors();
        }
        int threads;
        try {
            threads = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(url, "the number of threads is too large");
        }
        if (threads < 1) {
            throw invalid(url, "the number of threads must be at least 1");
        }
        return threads;
    }

    private static EmberException invalid(String url, String detail) {
        return new EmberException(
                ErrorClass.INVALID_MASTER_URL,
                "Invalid master URL '" + url + "'" + (detail == null ? "" : ": " + detail)
                        + (detail != null && detail.endsWith("?") ? " " : ". ")
                        + "Expected local, local[N], local[*], local[N,maxFailures], local-cluster[W,C,M] or"
                        + " ember://host:port");
    }
}
