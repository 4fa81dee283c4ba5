package dev.ember;

/** {@link RddActionSuite} in local mode with two task threads. */
class LocalModeRddActionTest extends RddActionSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
