package dev.ember.serializer;

import com.esotericsoftware.kryo.Kryo;

/**
 * Registers classes (and their serializers) with every Kryo instance Ember creates. Ember's own modules provide
 * registrators through {@link java.util.ServiceLoader}; applications name theirs in {@code ember.kryo.registrator}.
 * Registration order decides the ids written to streams, so a registrator must register the same classes in the
 * same order in every process.
 */
public interface KryoRegistrator {
    /** Registers classes with {@code kryo}. Called once per new Kryo instance, on the thread that will use it. */
    void registerClasses(Kryo kryo);
}
