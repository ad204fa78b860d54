package dev.iterdiff.spark.distill;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * {@link RealDataLoss} on a cluster, in the shape of Spark MLlib's RDDLossFunction: the real
 * training set is parallelized once as one {@link ImageBlock} per partition and cached; each
 * evaluation broadcasts X, maps every partition to its {@link PartitionLoss}, reduces them with
 * {@link OuterLossAggregator} through {@code treeAggregate} (sums in partition order, so the
 * result is bit-for-bit the in-process {@link RealDataLoss#local}'s) and destroys the
 * broadcast.
 */
public final class SparkRealDataLoss implements RealDataLoss, AutoCloseable {

  private final JavaSparkContext jsc;
  private final JavaRDD<ImageBlock> blocks;
  private final int classes;
  private final int dim;
  private final int depth;

  /**
   * @param jsc     the Spark context.
   * @param blocks  the partitions of the real training set, one Spark partition each.
   * @param classes K.
   * @throws IllegalArgumentException if there are no blocks.
   */
  public SparkRealDataLoss(JavaSparkContext jsc, List<ImageBlock> blocks, int classes) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("real data loss: no partitions");
    }
    this.jsc = jsc;
    this.classes = classes;
    this.dim = blocks.get(0).p() * classes;
    this.blocks = jsc.parallelize(blocks, blocks.size()).persist(StorageLevel.MEMORY_ONLY());
    this.depth = Math.max(2, (int) Math.ceil(Math.log(blocks.size()) / Math.log(2)));
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public OuterLossAggregator.Total at(double[] x) {
    Broadcast<double[]> xb = jsc.broadcast(x.clone());
    try {
      int k = classes;
      int d = dim;
      return blocks.map(b -> b.loss(xb.value(), k))
          .treeAggregate(new OuterLossAggregator(d), OuterLossAggregator::add,
              OuterLossAggregator::merge, depth)
          .total();
    } finally {
      xb.destroy();
    }
  }

  /** Unpersists the cached partitions. */
  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
