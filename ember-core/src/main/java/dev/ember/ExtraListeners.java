package dev.ember;

import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListener;
import java.util.ArrayList;
import java.util.List;

/** The listeners named in {@code ember.extraListeners}, created when the context starts. */
final class ExtraListeners {
    private ExtraListeners() {}

    /** One instance of each class, built with a constructor taking the configuration, or none. */
    static List<EmberListener> load(EmberConf conf) {
        List<EmberListener> listeners = new ArrayList<>();
        for (String className : conf.get(CoreConfig.EXTRA_LISTENERS)) {
            try {
                Class<?> type =
                        Class.forName(className, true, Thread.currentThread().getContextClassLoader());
                Object instance;
                try {
                    instance = type.getConstructor(EmberConf.class).newInstance(conf);
                } catch (NoSuchMethodException e) {
                    instance = type.getConstructor().newInstance();
                }
                listeners.add((EmberListener) instance);
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new EmberException(
                        ErrorClass.INVALID_CONFIG_VALUE,
                        "ember.extraListeners names " + className + ", which is not an EmberListener with a public"
                                + " constructor taking EmberConf or nothing: " + e,
                        e);
            }
        }
        return listeners;
    }
}
