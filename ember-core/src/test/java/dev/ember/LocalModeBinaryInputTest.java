package dev.ember;

/** {@link BinaryInputSuite} in local mode with two task threads. */
class LocalModeBinaryInputTest extends BinaryInputSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
