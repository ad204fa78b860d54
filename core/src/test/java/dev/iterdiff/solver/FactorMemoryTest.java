package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The factor-memory bound: an eighth of the heap over the cores, within [64 MiB, 1 GiB]. */
class FactorMemoryTest {

  private static final long MIB = 1L << 20;

  @Test
  void anEighthOfTheHeapSharedByTheCoresWithinItsLimits() {
    assertEquals(384 * MIB, FactorMemory.bound(6144 * MIB, 2)); // this machine's default heap
    assertEquals(64 * MIB, FactorMemory.bound(1024 * MIB, 2)); // a 1 GiB executor: the floor
    assertEquals(16384 * MIB / 40, FactorMemory.bound(16384 * MIB, 5));
    assertEquals(1024 * MIB, FactorMemory.bound(65536 * MIB, 2)); // the cap
    assertEquals(64 * MIB, FactorMemory.bound(256 * MIB, 0)); // no cores reported: one
    assertTrue(FactorMemory.RETAINED_BYTES >= 64 * MIB
        && FactorMemory.RETAINED_BYTES <= 1024 * MIB);
    assertEquals(FactorMemory.RETAINED_BYTES, Newton.RETAINED_BYTES);
    assertEquals(FactorMemory.RETAINED_BYTES, InteriorPoint.RETAINED_BYTES);
  }
}
