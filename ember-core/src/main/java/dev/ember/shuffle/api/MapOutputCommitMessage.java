package dev.ember.shuffle.api;

/** What a committed map output holds: the length in bytes of each reduce partition. */
public record MapOutputCommitMessage(long[] partitionLengths) {
    public MapOutputCommitMessage {
        partitionLengths = partitionLengths.clone();
    }

    @Override
    public long[] partitionLengths() {
        return partitionLengths.clone();
    }
}
