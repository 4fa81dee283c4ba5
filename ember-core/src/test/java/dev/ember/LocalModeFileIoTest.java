package dev.ember;

/** {@link FileIoSuite} in local mode with two task threads. */
class LocalModeFileIoTest extends FileIoSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
