package dev.ember.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing things on paths where a failure to close must not hide the error being handled. */
public final class Closeables {
    private static final Logger LOG = LoggerFactory.getLogger(Closeables.class);

    private Closeables() {}

    /** Closes {@code closeable}, logging instead of throwing. Accepts null. */
    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Failed to close {}", closeable, e);
        }
    }
}
