package dev.ember.ui;

class LocalModeApplicationUiTest extends ApplicationUiSuite {
    @Override
    String master() {
        return "local[2]";
    }
}
