package dev.ember;

/** {@link RddTransformationSuite} in local mode with two task threads. */
class LocalModeRddTransformationTest extends RddTransformationSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
