package dev.iterdiff.spark.sweep;

import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.problem.LabeledData;
import java.io.Serializable;

/**
 * A core {@link LabeledData} as it travels to executors (broadcast): its plain arrays (or its
 * compressed rows when sparse), so it
 * serializes without making the core's record Serializable; {@link #get()} rebuilds the
 * LabeledData once per JVM (the arrays are shared, not copied).
 */
public final class DatasetHolder implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] a;
  private final CsrMatrix sparse;
  private final int rows;
  private final int cols;
  private final double[] labels;
  private final String source;
  private transient LabeledData dataset;

  public DatasetHolder(LabeledData d) {
    this.sparse = d.sparse();
    this.a = sparse == null ? d.a() : null;
    this.rows = d.rows();
    this.cols = d.cols();
    this.labels = d.labels();
    this.source = d.source();
    this.dataset = d;
  }

  /** The data set (rebuilt on first use after deserialization). */
  public synchronized LabeledData get() {
    if (dataset == null) {
      dataset = new LabeledData(a, rows, cols, labels, source, sparse);
    }
    return dataset;
  }
}
