package dev.ember.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.connect.proto.ExecutePlanResponse;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a reattachable operation keeps of a long result as the client releases it. */
class ExecuteOperationTest {
    private static ExecutePlanResponse response(int i) {
        return ExecutePlanResponse.newBuilder()
                .setOperationId("op")
                .setResponseId("r" + i)
                .build();
    }

    @Test
    void releasedResponsesAreForgottenButTheLastOneCanStillBeResumedAfter() {
        ExecuteOperation operation = new ExecuteOperation("op", Set.of(), true, 1000, () -> {}, () -> {});
        for (int i = 0; i < 10_000; i++) {
            operation.add(response(i));
            if (i % 10 == 9) {
                operation.releaseUntil("r" + i);
            }
        }
        // 10,000 responses went by; the operation knows the last released one only.
        assertThat(operation.knownResponseIds()).isEqualTo(1);
        operation.add(response(10_000));
        assertThat(operation.knownResponseIds()).isEqualTo(2);
        // Releasing again up to an id already released changes nothing.
        operation.releaseUntil("r9999");
        assertThat(operation.knownResponseIds()).isEqualTo(2);
        // An earlier released id cannot be resumed after: the responses after it are gone.
        assertThatThrownBy(() -> operation.attach(null, "r9989"))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INVALID_CURSOR.POSITION_NOT_AVAILABLE");
    }
}
