/**
 * Serializers behind one interface: {@link dev.ember.serializer.JavaSerializer} (closures and tasks, anything
 * {@code Serializable}) and {@link dev.ember.serializer.KryoSerializer} (the default for shuffle and serialized
 * cached data). A {@link dev.ember.serializer.SerializerInstance} is not thread-safe: each task or stream uses
 * its own. Nothing here depends on the engine. Besides Kryo it depends only on {@code EmberConf}, {@code CommonConfig}
 * and the error types; never on {@code dev.ember.io} or anything in ember-core.
 */
package dev.ember.serializer;
