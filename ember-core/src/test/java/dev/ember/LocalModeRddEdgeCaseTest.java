package dev.ember;

/** {@link RddEdgeCaseSuite} in local mode with two task threads. */
class LocalModeRddEdgeCaseTest extends RddEdgeCaseSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
