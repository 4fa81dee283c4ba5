package dev.ember.storage;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.Serializable;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a block. The string form ({@link #name()}) is stable: it names files on disk and blocks on the
 * wire, and {@link #parse(String)} reads it back.
 */
public sealed interface BlockId extends Serializable {
    /** The stable string form, such as {@code rdd_3_7} or {@code shuffle_0_12_4}. */
    String name();

    /** The RDD this block caches a partition of, if it is an RDD block. */
    default boolean isRdd() {
        return this instanceof RddBlockId;
    }

    default boolean isShuffle() {
        return this instanceof ShuffleBlockId
                || this instanceof ShuffleDataBlockId
                || this instanceof ShuffleIndexBlockId;
    }

    default boolean isBroadcast() {
        return this instanceof BroadcastBlockId;
    }

    /** A cached partition of an RDD. */
    record RddBlockId(int rddId, int splitIndex) implements BlockId {
        @Override
        public String name() {
            return "rdd_" + rddId + "_" + splitIndex;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The part of map task {@code mapId}'s output destined for reduce partition {@code reduceId}. */
    record ShuffleBlockId(int shuffleId, long mapId, int reduceId) implements BlockId {
        @Override
        public String name() {
            return "shuffle_" + shuffleId + "_" + mapId + "_" + reduceId;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The data file of a map task's output. */
    record ShuffleDataBlockId(int shuffleId, long mapId) implements BlockId {
        @Override
        public String name() {
            return "shuffle_" + shuffleId + "_" + mapId + "_0.data";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The index file of a map task's output: the offsets of each reduce partition in the data file. */
    record ShuffleIndexBlockId(int shuffleId, long mapId) implements BlockId {
        @Override
        public String name() {
            return "shuffle_" + shuffleId + "_" + mapId + "_0.index";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** A broadcast value ({@code field} empty) or one of its pieces ({@code field} = {@code piece3}). */
    record BroadcastBlockId(long broadcastId, String field) implements BlockId {
        public BroadcastBlockId(long broadcastId) {
            this(broadcastId, "");
        }

        @Override
        public String name() {
            return "broadcast_" + broadcastId + (field.isEmpty() ? "" : "_" + field);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** A task result too large to send with the status update. */
    record TaskResultBlockId(long taskId) implements BlockId {
        @Override
        public String name() {
            return "taskresult_" + taskId;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Scratch data of one task, such as an aggregation spill. */
    record TempLocalBlockId(UUID id) implements BlockId {
        @Override
        public String name() {
            return "temp_local_" + id;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Scratch data of a shuffle write, such as a sort spill. */
    record TempShuffleBlockId(UUID id) implements BlockId {
        @Override
        public String name() {
            return "temp_shuffle_" + id;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Blocks made by tests. */
    record TestBlockId(String id) implements BlockId {
        @Override
        public String name() {
            return "test_" + id;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    Pattern RDD = Pattern.compile("rdd_([0-9]+)_([0-9]+)");
    Pattern SHUFFLE = Pattern.compile("shuffle_([0-9]+)_([0-9]+)_([0-9]+)");
    Pattern SHUFFLE_DATA = Pattern.compile("shuffle_([0-9]+)_([0-9]+)_0\\.data");
    Pattern SHUFFLE_INDEX = Pattern.compile("shuffle_([0-9]+)_([0-9]+)_0\\.index");
    Pattern BROADCAST = Pattern.compile("broadcast_([0-9]+)(_([A-Za-z0-9]+))?");
    Pattern TASK_RESULT = Pattern.compile("taskresult_([0-9]+)");
    Pattern TEMP_LOCAL = Pattern.compile("temp_local_([-0-9a-f]+)");
    Pattern TEMP_SHUFFLE = Pattern.compile("temp_shuffle_([-0-9a-f]+)");
    Pattern TEST = Pattern.compile("test_(.*)");

    /**
     * Reads a block id back from its name.
     *
     * @throws EmberException {@link ErrorClass#INVALID_ARGUMENT} for a name no block has
     */
    static BlockId parse(String name) {
        try {
            Matcher matcher;
            if ((matcher = RDD.matcher(name)).matches()) {
                return new RddBlockId(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
            }
            if ((matcher = SHUFFLE_DATA.matcher(name)).matches()) {
                return new ShuffleDataBlockId(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
            }
            if ((matcher = SHUFFLE_INDEX.matcher(name)).matches()) {
                return new ShuffleIndexBlockId(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
            }
            if ((matcher = SHUFFLE.matcher(name)).matches()) {
                return new ShuffleBlockId(
                        Integer.parseInt(matcher.group(1)),
                        Long.parseLong(matcher.group(2)),
                        Integer.parseInt(matcher.group(3)));
            }
            if ((matcher = BROADCAST.matcher(name)).matches()) {
                String field = matcher.group(3);
                return new BroadcastBlockId(Long.parseLong(matcher.group(1)), field == null ? "" : field);
            }
            if ((matcher = TASK_RESULT.matcher(name)).matches()) {
                return new TaskResultBlockId(Long.parseLong(matcher.group(1)));
            }
            if ((matcher = TEMP_LOCAL.matcher(name)).matches()) {
                return new TempLocalBlockId(UUID.fromString(matcher.group(1)));
            }
            if ((matcher = TEMP_SHUFFLE.matcher(name)).matches()) {
                return new TempShuffleBlockId(UUID.fromString(matcher.group(1)));
            }
            if ((matcher = TEST.matcher(name)).matches()) {
                return new TestBlockId(matcher.group(1));
            }
        } catch (IllegalArgumentException e) {
            // Numbers out of range or a malformed UUID: not a block name.
        }
        throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Not a block name: '" + name + "'");
    }
}
