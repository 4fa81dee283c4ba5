package dev.ember;

/** {@link RddCoreSuite} in local mode with two task threads. */
class LocalModeRddTest extends RddCoreSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
