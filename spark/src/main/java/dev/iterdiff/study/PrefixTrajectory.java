package dev.iterdiff.study;

import dev.iterdiff.solver.Storage;
import dev.iterdiff.solver.Trajectory;

/**
 * The first k iterations of a recorded trajectory, as if the solve had stopped at k: what an
 * estimator would have seen after k iterations, without solving again. States and records
 * are read from the full trajectory (which must keep them: FULL storage).
 */
final class PrefixTrajectory implements Trajectory {

  private final Trajectory full;
  private final int k;

  /**
   * @param full the whole trajectory.
   * @param k    0 ≤ k ≤ full.iterations().
   * @throws IllegalArgumentException if k is out of range.
   */
  PrefixTrajectory(Trajectory full, int k) {
    if (k < 0 || k > full.iterations()) {
      throw new IllegalArgumentException("prefix of " + k + " iterations of a trajectory of "
          + full.iterations());
    }
    this.full = full;
    this.k = k;
  }

  @Override
  public int iterations() {
    return k;
  }

  @Override
  public int stateDim() {
    return full.stateDim();
  }

  @Override
  public int recordLength() {
    return full.recordLength();
  }

  @Override
  public void record(int i, double[] out) {
    check(i, k - 1);
    full.record(i, out);
  }

  @Override
  public double step(int i) {
    check(i, k - 1);
    return full.step(i);
  }

  @Override
  public Storage storage() {
    return full.storage();
  }

  @Override
  public boolean isStored(int i) {
    return i <= k && full.isStored(i);
  }

  @Override
  public void state(int i, double[] out) {
    check(i, k);
    full.state(i, out);
  }

  private void check(int i, int last) {
    if (i < 0 || i > last) {
      throw new IndexOutOfBoundsException("iteration " + i + " of a prefix of " + k
          + " iterations");
    }
  }
}
