package dev.ember;

/** {@link PairRddCoGroupSuite} in local mode with two task threads. */
class LocalModePairRddCoGroupTest extends PairRddCoGroupSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
