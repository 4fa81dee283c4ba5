package dev.ember;

/** {@link JobControlSuite} in local mode with two task threads. */
class LocalModeJobControlTest extends JobControlSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
