package dev.iterdiff.spark;

import dev.iterdiff.problem.Dataset;
import java.io.Serializable;

/**
 * A core {@link Dataset} as it travels to executors (broadcast): its plain arrays, so it
 * serializes without making the core's record Serializable; {@link #get()} rebuilds the
 * Dataset once per JVM (the arrays are shared, not copied).
 */
public final class DatasetHolder implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] a;
  private final int rows;
  private final int cols;
  private final double[] labels;
  private final String source;
  private transient Dataset dataset;

  public DatasetHolder(Dataset d) {
    this.a = d.a();
    this.rows = d.rows();
    this.cols = d.cols();
    this.labels = d.labels();
    this.source = d.source();
    this.dataset = d;
  }

  /** The data set (rebuilt on first use after deserialization). */
  public synchronized Dataset get() {
    if (dataset == null) {
      dataset = new Dataset(a, rows, cols, labels, source);
    }
    return dataset;
  }
}
