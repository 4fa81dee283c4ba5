package dev.ember;

/** {@link DataTypesSuite} in local mode with two task threads and the default (Kryo) serializer. */
class LocalModeDataTypesTest extends DataTypesSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
