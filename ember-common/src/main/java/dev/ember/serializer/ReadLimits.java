package dev.ember.serializer;

import java.io.ObjectInputFilter;
import java.time.Duration;

/**
 * The bounds of reading one Java-serialized object from {@code n} bytes: no array longer than {@code n} (each element
 * takes at least a byte of the stream), no more than {@code n} references, graphs at most {@value #MAX_DEPTH} deep,
 * and no object started after the time budget ran out. Anything else goes to the filter given (an explicit one, or
 * the JVM-wide {@code jdk.serialFilter}). One instance per read; it remembers why it refused, for the error.
 *
 * <p>The time check bounds even graphs whose cost is in rebuilding rather than reading (sets of sets whose hash codes
 * take exponential time): each level of such a graph is read after the one below it, so the read stops within a
 * small multiple of the budget.
 */
final class ReadLimits implements ObjectInputFilter {
    static final int MAX_DEPTH = 2048;

    private final long maxLength;
    private final long deadlineNanos;
    private final Duration budget;
    private final ObjectInputFilter next;
    private String refusal;

    ReadLimits(long streamLength, Duration budget, ObjectInputFilter next) {
        this.maxLength = streamLength;
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
        this.next = next;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.arrayLength() > maxLength) {
            return refuse("an array of " + info.arrayLength() + " elements in " + maxLength + " bytes");
        }
        if (info.references() > maxLength) {
            return refuse("more than " + maxLength + " references in " + maxLength + " bytes");
        }
        if (info.depth() > MAX_DEPTH) {
            return refuse("an object graph deeper than " + MAX_DEPTH);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            return refuse("reading took longer than " + budget.toMillis() + " ms (ember.serializer.java.readBudget)");
        }
        if (next != null) {
            Status status = next.checkInput(info);
            if (status == Status.REJECTED) {
                refusal = "class "
                        + (info.serialClass() == null ? "?" : info.serialClass().getName())
                        + " is refused by the deserialization filter";
            }
            return status;
        }
        return Status.UNDECIDED;
    }

    private Status refuse(String why) {
        refusal = why;
        return Status.REJECTED;
    }

    /** Why the read was refused; null when it was not. */
    String refusal() {
        return refusal;
    }
}
