/**
 * Dataset distillation on Spark (issue 11; Wang et al. 2018, <i>Dataset Distillation</i>; the
 * JAXopt paper, Blondel et al. 2021, §4): θ = synthetic images, the inner problem softmax
 * regression trained on them ({@link dev.iterdiff.problem.SyntheticDataSoftmax}), the outer loss
 * the cross-entropy on the real training set reduced data-parallel over partitions, and the
 * hypergradient one implicit VJP (or unrolled reverse mode) on the driver.
 */
package dev.iterdiff.spark.distill;
