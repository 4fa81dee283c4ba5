package dev.ember;

/** {@link PairRddJoinSuite} in local mode with two task threads. */
class LocalModePairRddJoinTest extends PairRddJoinSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
