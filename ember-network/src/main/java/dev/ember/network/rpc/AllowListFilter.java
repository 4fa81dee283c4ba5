package dev.ember.network.rpc;

import java.io.ObjectInputFilter;
import java.util.List;

/**
 * The classes an RPC message may contain: Ember's own, the JDK's plain values, collections and times, arrays of
 * those and of primitives, and the patterns of {@code ember.rpc.deserialization.allow}. Everything else, which is
 * where deserialization attacks find their gadgets, is rejected before it is instantiated, as are graphs deeper
 * than {@value #MAX_DEPTH} or with more than {@value #MAX_REFERENCES} references.
 */
final class AllowListFilter implements ObjectInputFilter {
    static final int MAX_DEPTH = 64;
    static final long MAX_REFERENCES = 10_000_000;

    private static final String BUILT_IN = "dev.ember.**;java.lang.*;java.util.*;java.time.*;java.net.URI;"
            + "java.math.BigInteger;java.math.BigDecimal";

    private final ObjectInputFilter patterns;
    private final String description;

    AllowListFilter(List<String> extra) {
        StringBuilder spec = new StringBuilder(BUILT_IN);
        for (String pattern : extra) {
            String trimmed = pattern.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("!") || trimmed.contains("=") || trimmed.contains(";")) {
                throw new IllegalArgumentException("ember.rpc.deserialization.allow takes class name patterns"
                        + " (a.b.C, a.b.*, a.b.**), not '" + pattern + "'");
            }
            spec.append(';').append(trimmed);
        }
        this.description = spec.toString();
        this.patterns = ObjectInputFilter.Config.createFilter(description + ";!*");
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES) {
            return Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED;
        }
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return Status.ALLOWED;
        }
        return patterns.checkInput(info);
    }

    @Override
    public String toString() {
        return description;
    }
}
