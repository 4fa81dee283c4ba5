package dev.ember;

/** {@link SharedVariableSuite} in local mode with two task threads. */
class LocalModeSharedVariableTest extends SharedVariableSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
