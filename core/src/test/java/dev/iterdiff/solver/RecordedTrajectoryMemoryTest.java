package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Memory follows the storage the estimators need (issue 10, item 7): a LAST trajectory keeps
 * O(count) steps and states whatever the iteration count — more appends than the heap could
 * hold as one double each must not run out of memory — and still answers for the last
 * count steps.
 */
class RecordedTrajectoryMemoryTest {

  @Test
  void lastStorageKeepsOnlyTheLastStepsWhateverK() {
    IterativeSolver gd = new GradientDescent(SolverFixtures.ridge(1, 5, 2, 1));
    RecordedTrajectory t = new RecordedTrajectory(gd, new double[] {0.1}, new Storage(
        Storage.Kind.LAST, 3), Integer.MAX_VALUE);
    double[] state = new double[gd.stateDim()];
    t.start(state);
    // one double per step would need more than the whole heap
    long k = Math.min(Integer.MAX_VALUE - 1L, Runtime.getRuntime().maxMemory() / 8 + 1000);
    double[] record = new double[1];
    for (int i = 0; i < k; i++) {
      state[0] = i;
      record[0] = i * 0.5;
      t.append(record, state);
    }
    assertEquals(k, t.iterations());
    for (long i = k - 3; i < k; i++) {
      assertEquals(i * 0.5, t.step((int) i), 0);
    }
    double[] out = new double[gd.stateDim()];
    t.state((int) k, out);
    assertEquals(k - 1, out[0], 0);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> t.step((int) k - 4));
    assertTrue(e.getMessage().startsWith("step " + (k - 4) + " is not stored: storage LAST"),
        e.getMessage());
  }
}
