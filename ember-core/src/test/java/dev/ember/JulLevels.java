package dev.ember;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The levels of {@code java.util.logging}'s root logger, of {@code dev.ember} and of the root's handlers, taken when
 * made and put back by {@link #close}: for tests that change the log level, so that the tests after them log as
 * configured.
 */
public final class JulLevels implements AutoCloseable {
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger EMBER = Logger.getLogger("dev.ember");

    private final Level root = ROOT.getLevel();
    private final Level ember = EMBER.getLevel();
    private final Map<Handler, Level> handlers = new HashMap<>();

    public JulLevels() {
        for (Handler handler : ROOT.getHandlers()) {
            handlers.put(handler, handler.getLevel());
        }
    }

    @Override
    public void close() {
        ROOT.setLevel(root);
        EMBER.setLevel(ember);
        handlers.forEach(Handler::setLevel);
    }
}
