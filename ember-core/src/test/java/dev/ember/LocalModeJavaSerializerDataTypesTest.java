package dev.ember;

/** {@link DataTypesSuite} in local mode with Java serialization. */
class LocalModeJavaSerializerDataTypesTest extends DataTypesSuite {
    @Override
    protected String master() {
        return "local[2]";
    }

    @Override
    protected EmberConf conf() {
        return super.conf().set("ember.serializer", "java");
    }
}
