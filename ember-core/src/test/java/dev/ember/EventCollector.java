package dev.ember;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A listener keeping every event, for tests; {@link #events(EmberContext)} waits until the bus delivered them. */
public final class EventCollector implements EmberListener {
    private final List<EmberListenerEvent> events = new ArrayList<>();

    private synchronized void add(EmberListenerEvent event) {
        events.add(event);
    }

    @Override
    public void onJobStart(EmberListenerEvent.JobStart event) {
        add(event);
    }

    @Override
    public void onJobEnd(EmberListenerEvent.JobEnd event) {
        add(event);
    }

    @Override
    public void onStageSubmitted(EmberListenerEvent.StageSubmitted event) {
        add(event);
    }

    @Override
    public void onStageCompleted(EmberListenerEvent.StageCompleted event) {
        add(event);
    }

    @Override
    public void onTaskStart(EmberListenerEvent.TaskStart event) {
        add(event);
    }

    @Override
    public void onTaskEnd(EmberListenerEvent.TaskEnd event) {
        add(event);
    }

    @Override
    public void onBlockUpdated(EmberListenerEvent.BlockUpdated event) {
        add(event);
    }

    /** Events of {@code type} delivered so far, after the bus has drained. */
    public <E extends EmberListenerEvent> List<E> events(EmberContext ctx, Class<E> type) {
        drain(ctx);
        List<E> matching = new ArrayList<>();
        synchronized (this) {
            for (EmberListenerEvent event : events) {
                if (type.isInstance(event)) {
                    matching.add(type.cast(event));
                }
            }
        }
        return matching;
    }

    /**
     * Forgets every event posted so far: the bus is drained first, so that an event of an earlier job still on its
     * way cannot arrive after the clear.
     */
    public void clear(EmberContext ctx) {
        drain(ctx);
        synchronized (this) {
            events.clear();
        }
    }

    private static void drain(EmberContext ctx) {
        if (!ctx.components().listenerBus().waitUntilEmpty(Duration.ofSeconds(30))) {
            throw new AssertionError("listener bus did not drain within 30 s");
        }
    }
}
