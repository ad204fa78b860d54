package dev.iterdiff.solver;

/**
 * The first k iterations of a longer recorded trajectory: s₀ … s_k and r₀ … r_{k−1} of a solve
 * that went on to K ≥ k iterations ({@link Solve#runBudgets}). The states and records are the
 * longer trajectory's, so the view equals, bitwise, the trajectory of a solve stopped at k
 * (the solve loop does not look ahead: s_i and r_i do not depend on the budget). A state the
 * longer trajectory does not store is recomputed from its checkpoints, as there. Not
 * thread-safe (recomputation uses the solver's workspaces).
 */
final class PrefixTrajectory implements Trajectory {

  private final Trajectory base;
  private final int k;

  /**
   * @param base the whole trajectory (FULL or CHECKPOINTED storage: LAST keeps no prefix).
   * @param k    0 ≤ k ≤ base.iterations().
   * @throws IllegalArgumentException for k out of range or a LAST base.
   */
  PrefixTrajectory(Trajectory base, int k) {
    if (k < 0 || k > base.iterations()) {
      throw new IllegalArgumentException("prefix of " + k + " iterations of a "
          + base.iterations() + "-iteration trajectory");
    }
    if (base.storage().kind() == Storage.Kind.LAST && k < base.iterations()) {
      throw new IllegalArgumentException("a LAST(" + base.storage().count() + ") trajectory "
          + "keeps no prefix: solve with FULL or CHECKPOINTED storage");
    }
    this.base = base;
    this.k = k;
  }

  @Override
  public int iterations() {
    return k;
  }

  @Override
  public int stateDim() {
    return base.stateDim();
  }

  @Override
  public int recordLength() {
    return base.recordLength();
  }

  @Override
  public void record(int i, double[] out) {
    checkRecord(i);
    base.record(i, out);
  }

  @Override
  public double step(int i) {
    checkRecord(i);
    return base.step(i);
  }

  @Override
  public Storage storage() {
    return base.storage();
  }

  @Override
  public boolean isStored(int i) {
    checkState(i);
    return base.isStored(i);
  }

  @Override
  public void state(int i, double[] out) {
    checkState(i);
    base.state(i, out);
  }

  private void checkRecord(int i) {
    if (i < 0 || i >= k) {
      throw new IndexOutOfBoundsException("step index " + i + " out of range 0.." + (k - 1));
    }
  }

  private void checkState(int i) {
    if (i < 0 || i > k) {
      throw new IndexOutOfBoundsException("state index " + i + " out of range 0.." + k);
    }
  }
}
