package dev.ember;

/** {@link RddSamplingByKeySuite} in local mode with two task threads. */
class LocalModeRddSamplingByKeyTest extends RddSamplingByKeySuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
