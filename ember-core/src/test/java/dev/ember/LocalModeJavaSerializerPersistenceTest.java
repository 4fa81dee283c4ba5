package dev.ember;

/** {@link PersistenceSuite} in local mode with Java serialization for serialized and disk-cached blocks. */
class LocalModeJavaSerializerPersistenceTest extends PersistenceSuite {
    @Override
    protected String master() {
        return "local[2]";
    }

    @Override
    protected EmberConf conf() {
        return super.conf().set("ember.serializer", "java");
    }
}
