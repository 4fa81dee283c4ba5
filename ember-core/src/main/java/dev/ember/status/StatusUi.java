package dev.ember.status;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.events.LiveListenerBus;
import java.util.Optional;

/**
 * The application UI, when the module ember-ui is on the class path and {@code ember.ui.enabled} is on: it listens
 * to the application's events and serves pages and a REST API about them. The same module writes the event log
 * ({@code ember.eventLog.enabled}), with or without the UI. Found by name rather than with a service
 * scan, which would open every jar of the class path at each start.
 */
public interface StatusUi extends AutoCloseable {
    /** The class implementing {@link Factory} in ember-ui. */
    String FACTORY = "dev.ember.ui.ApplicationUiFactory";

    /** Where the UI answers ({@code http://host:port}), once it is up; empty when only the event log is on. */
    Optional<String> webUrl();

    /** Gives the UI a way to ask executor processes for thread dumps and logs (cluster mode); called once started. */
    default void attach(ExecutorInspector inspector) {}

    /** Stops serving; the status it kept is dropped. */
    @Override
    void close();

    /** Starts a UI: registers its listeners on the bus (before the bus starts) and begins serving. */
    interface Factory {
        StatusUi start(EmberConf conf, LiveListenerBus bus);
    }

    /** The UI for a context starting with {@code conf}, or null when it is off or not on the class path. */
    static StatusUi start(EmberConf conf, LiveListenerBus bus) {
        if (!conf.get(CoreConfig.UI_ENABLED) && !conf.get(CoreConfig.EVENT_LOG_ENABLED)) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(FACTORY, true, StatusUi.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            return ((Factory) type.getConstructor().newInstance()).start(conf, bus);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new EmberException(ErrorClass.INTERNAL_ERROR, "Cannot start the application UI: " + e, e);
        }
    }
}
