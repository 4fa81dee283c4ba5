package dev.ember;

/** {@link FailureRecoverySuite} in local mode with two task threads. */
class LocalModeFailureRecoveryTest extends FailureRecoverySuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
