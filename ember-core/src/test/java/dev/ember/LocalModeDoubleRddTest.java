package dev.ember;

/** {@link DoubleRddSuite} in local mode with two task threads. */
class LocalModeDoubleRddTest extends DoubleRddSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
