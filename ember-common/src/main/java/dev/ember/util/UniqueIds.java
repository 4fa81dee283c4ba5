package dev.ember.util;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for names of scratch directories and temporary files. {@link UUID#randomUUID()} draws
 * from a {@code SecureRandom}, whose first use costs a context start-up tens of milliseconds; these names only
 * have to be unique on one machine, which 122 random bits from {@link ThreadLocalRandom} are.
 */
public final class UniqueIds {
    private UniqueIds() {}

    public static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
