package dev.iterdiff.bilevel;

import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.problem.LabeledData;
import java.util.List;

/**
 * K-fold cross validation as {@link InnerTasks}: task k trains the {@link InnerSpec}'s problem
 * on fold k's training rows and measures the outer loss on its validation rows. Serializable
 * by its plain arrays (the core's {@link LabeledData} is not), rebuilt once per JVM.
 */
public final class FoldTasks implements InnerTasks {

  private static final long serialVersionUID = 1L;

  private final double[] a;
  private final CsrMatrix sparse;
  private final int rows;
  private final int cols;
  private final double[] labels;
  private final String source;
  private final List<Fold> folds;
  private final InnerSpec spec;
  private transient LabeledData data;

  /**
   * @param data  the cross-validation rows.
   * @param folds the folds, numbered 0…K−1 in order.
   * @param spec  the inner problem, solver and estimator.
   * @throws IllegalArgumentException if there is no fold or a fold's number is not its place.
   */
  public FoldTasks(LabeledData data, List<Fold> folds, InnerSpec spec) {
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("FoldTasks: no folds");
    }
    for (int k = 0; k < folds.size(); k++) {
      if (folds.get(k).index() != k) {
        throw new IllegalArgumentException("FoldTasks: fold at position " + k + " has index "
            + folds.get(k).index());
      }
    }
    this.sparse = data.sparse();
    this.a = sparse == null ? data.a() : null;
    this.rows = data.rows();
    this.cols = data.cols();
    this.labels = data.labels();
    this.source = data.source();
    this.folds = List.copyOf(folds);
    this.spec = spec;
    this.data = data;
  }

  /** The cross-validation rows (rebuilt on first use after deserialization). */
  public synchronized LabeledData data() {
    if (data == null) {
      data = new LabeledData(a, rows, cols, labels, source, sparse);
    }
    return data;
  }

  /** The folds. */
  public List<Fold> folds() {
    return folds;
  }

  /** The inner problem's spec. */
  public InnerSpec spec() {
    return spec;
  }

  @Override
  public int count() {
    return folds.size();
  }

  @Override
  public int thetaDim() {
    return spec.thetaDim(data());
  }

  @Override
  public int stateDim(int task) {
    return cols;
  }

  @Override
  public InnerTask task(int k) {
    if (k < 0 || k >= folds.size()) {
      throw new IllegalArgumentException("FoldTasks: task " + k + " out of 0.."
          + (folds.size() - 1));
    }
    return spec.fold(data(), folds.get(k));
  }
}
