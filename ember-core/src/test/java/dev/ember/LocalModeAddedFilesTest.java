package dev.ember;

/** {@link AddedFilesSuite} in local mode with two task threads: tasks read the driver's copies. */
class LocalModeAddedFilesTest extends AddedFilesSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
