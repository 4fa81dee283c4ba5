package dev.ember.ui.api;

import dev.ember.ui.status.AppStatus;
import java.util.List;
import java.util.Optional;

/** The applications a server shows: the one live application, or those of an event log directory. */
public interface Applications {
    /** Every application, newest first. */
    List<AppStatus> list();

    /** The application with this id, if known. */
    Optional<AppStatus> get(String appId);

    /** One application only. */
    static Applications of(AppStatus status) {
        return new Applications() {
            @Override
            public List<AppStatus> list() {
                return List.of(status);
            }

            @Override
            public Optional<AppStatus> get(String appId) {
                return status.appId().equals(appId) ? Optional.of(status) : Optional.empty();
            }
        };
    }
}
