package dev.ember;

/** {@link RddSamplingSuite} in local mode with two task threads. */
class LocalModeRddSamplingTest extends RddSamplingSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
