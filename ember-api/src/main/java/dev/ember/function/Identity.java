package dev.ember.function;

/** {@link Function#identity()}: an enum, so that deserializing it gives back the one instance. */
enum Identity implements Function<Object, Object> {
    INSTANCE;

    @Override
    public Object call(Object value) {
        return value;
    }
}
