package dev.ember.ui;

import dev.ember.EmberConf;
import dev.ember.events.LiveListenerBus;
import dev.ember.status.StatusUi;

/** What the context finds by name to start its UI ({@link StatusUi#FACTORY}). */
public final class ApplicationUiFactory implements StatusUi.Factory {
    @Override
    public StatusUi start(EmberConf conf, LiveListenerBus bus) {
        return ApplicationUi.start(conf, bus);
    }
}
