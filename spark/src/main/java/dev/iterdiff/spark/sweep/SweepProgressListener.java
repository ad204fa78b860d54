package dev.iterdiff.spark.sweep;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A progress line per stage during a sweep, at most every {@code intervalSeconds} and at the
 * end of each stage: tasks done, and for the sweep stage (one task per partition) the
 * instances done and the throughput. Counts successful tasks only, so retried tasks are not
 * counted twice.
 */
public final class SweepProgressListener extends SparkListener {

  private final PrintWriter out;
  private final long[] partitionSizes;
  private final long totalInstances;
  private final long intervalNanos;
  private final long start = System.nanoTime();
  private int stageId = -1;
  private int stageTasks;
  private int tasksDone;
  private long instancesDone;
  private boolean[] done;
  private long lastPrint;

  public SweepProgressListener(PrintWriter out, List<List<SweepInstance>> partitions,
      double intervalSeconds) {
    this(out, partitions.stream().mapToLong(List::size).toArray(), intervalSeconds);
  }

  /** The same from the instance count of each partition. */
  public SweepProgressListener(PrintWriter out, long[] partitionSizes, double intervalSeconds) {
    this.out = out;
    this.partitionSizes = partitionSizes.clone();
    this.totalInstances = java.util.Arrays.stream(partitionSizes).sum();
    this.intervalNanos = (long) (intervalSeconds * 1e9);
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted e) {
    stageId = e.stageInfo().stageId();
    stageTasks = e.stageInfo().numTasks();
    tasksDone = 0;
    instancesDone = 0;
    done = new boolean[stageTasks];
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
    if (e.stageId() != stageId || !e.taskInfo().successful()) {
      return;
    }
    int index = e.taskInfo().index();
    if (index < 0 || index >= done.length || done[index]) {
      return;
    }
    done[index] = true;
    tasksDone++;
    if (stageTasks == partitionSizes.length) {
      instancesDone += partitionSizes[index];
    }
    long now = System.nanoTime();
    if (now - lastPrint >= intervalNanos) {
      lastPrint = now;
      print(now);
    }
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted e) {
    if (e.stageInfo().stageId() == stageId && tasksDone > 0) {
      print(System.nanoTime());
    }
  }

  private void print(long now) {
    double s = (now - start) / 1e9;
    if (stageTasks == partitionSizes.length) {
      out.printf(Locale.ROOT, "sweep: stage %d: %d/%d partitions, %d/%d instances, %.1f s, "
          + "%.0f instances/s%n", stageId, tasksDone, stageTasks, instancesDone, totalInstances,
          s, instancesDone / Math.max(s, 1e-9));
    } else {
      out.printf(Locale.ROOT, "sweep: stage %d: %d/%d tasks, %.1f s%n", stageId, tasksDone,
          stageTasks, s);
    }
    out.flush();
  }
}
