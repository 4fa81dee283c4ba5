package dev.ember;

/** {@link PairRddSuite} in local mode with Java serialization for shuffled data. */
class LocalModeJavaSerializerPairRddTest extends PairRddSuite {
    @Override
    protected String master() {
        return "local[2]";
    }

    @Override
    protected EmberConf conf() {
        return super.conf().set("ember.serializer", "java");
    }
}
