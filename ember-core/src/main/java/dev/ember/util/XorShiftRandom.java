package dev.ember.util;

import java.util.Random;

/**
 * A fast pseudo-random generator (xorshift64*) for sampling, seeded by hashing the seed so that nearby seeds
 * (partition indexes) give unrelated streams.
 */
public final class XorShiftRandom extends Random {
    private static final long serialVersionUID = 1L;

    private long state;

    public XorShiftRandom(long seed) {
        super(seed);
        this.state = mix(seed);
    }

    private static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z == 0 ? 0x9E3779B97F4A7C15L : z;
    }

    @Override
    public synchronized void setSeed(long seed) {
        super.setSeed(seed);
        state = mix(seed);
    }

    @Override
    protected int next(int bits) {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return (int) ((x * 0x2545F4914F6CDD1DL) >>> (64 - bits));
    }
}
