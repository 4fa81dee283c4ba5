package dev.ember;

/** {@link PairRddSuite} in local mode with two task threads. */
class LocalModePairRddTest extends PairRddSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
