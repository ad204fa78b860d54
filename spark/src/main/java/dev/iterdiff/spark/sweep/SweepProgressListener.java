package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.ProgressLine;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple4;

/**
 * The live progress line of a sweep on stderr ({@link ProgressLine}): instances done out of
 * the total, rate, ETA, and the sweep stage's partitions done, e.g.
 * {@code sweep: 24/50 instances (48 %), 2.90 instances/s, ETA 9 s, stage 0: 1/2 partitions}.
 * Instances count as done when their partition's task succeeds (retried tasks are not counted
 * twice), and, within a running partition, from the task's instance counter (a
 * {@code LongAccumulator} the task adds 1 to per instance) as the executors report it with
 * their heartbeats ({@code spark.executor.heartbeatInterval}, 10 s by default) — so a stage of
 * one long partition per core still shows its progress. The line is refreshed once a second
 * by a daemon thread and on every event, at most as often as {@link ProgressLine} allows.
 */
public final class SweepProgressListener extends SparkListener implements AutoCloseable {

  private final ProgressLine line;
  private final long[] partitionSizes;
  private final long accumulatorId;
  private final ScheduledExecutorService ticker;
  private int stageId = -1;
  private int stageTasks;
  private int tasksDone;
  private long instancesDone;
  private boolean[] done;
  private final Map<Long, Long> running = new HashMap<>();

  public SweepProgressListener(List<List<SweepInstance>> partitions, long accumulatorId) {
    this(ProgressLine.stderr("sweep", "instances",
        partitions.stream().mapToLong(List::size).sum()),
        partitions.stream().mapToLong(List::size).toArray(), accumulatorId, true);
  }

  /**
   * @param line           the line to print on.
   * @param partitionSizes instances per partition of the sweep stage.
   * @param accumulatorId  id of the tasks' instance counter; -1 for none.
   * @param tick           refresh the line every second from a daemon thread.
   */
  public SweepProgressListener(ProgressLine line, long[] partitionSizes, long accumulatorId,
      boolean tick) {
    this.line = line;
    this.partitionSizes = partitionSizes.clone();
    this.accumulatorId = accumulatorId;
    if (tick) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "iterdiff-sweep-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
    } else {
      ticker = null;
    }
  }

  private boolean sweepStage() {
    return stageTasks == partitionSizes.length;
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted e) {
    if (stageId >= 0 || e.stageInfo().numTasks() != partitionSizes.length) {
      return; // the summary's and the report's stages: not the sweep's
    }
    stageId = e.stageInfo().stageId();
    stageTasks = e.stageInfo().numTasks();
    tasksDone = 0;
    instancesDone = 0;
    running.clear();
    done = new boolean[stageTasks];
  }

  @Override
  public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
    if (accumulatorId < 0 || !sweepStage()) {
      return;
    }
    var it = e.accumUpdates().iterator();
    while (it.hasNext()) {
      Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> u =
          it.next();
      if (((Number) u._2()).intValue() != stageId) {
        continue;
      }
      var infos = u._4().iterator();
      while (infos.hasNext()) {
        AccumulableInfo a = infos.next();
        if (a.id() == accumulatorId && a.update().isDefined()) {
          running.put(((Number) u._1()).longValue(), ((Number) a.update().get()).longValue());
        }
      }
    }
    print();
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
    if (e.stageId() != stageId) {
      return;
    }
    running.remove(e.taskInfo().taskId());
    if (!e.taskInfo().successful()) {
      return;
    }
    int index = e.taskInfo().index();
    if (index < 0 || index >= done.length || done[index]) {
      return;
    }
    done[index] = true;
    tasksDone++;
    instancesDone += partitionSizes[index];
    print();
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted e) {
    if (e.stageInfo().stageId() == stageId && tasksDone > 0) {
      print();
      line.finish();
    }
  }

  /** Instances done: finished partitions plus the running tasks' last reported counts. */
  public synchronized long instancesDone() {
    long partial = 0;
    for (long v : running.values()) {
      partial += v;
    }
    return instancesDone + partial;
  }

  /** The current line (as printed). */
  public synchronized String line() {
    return line.format(instancesDone(), stage());
  }

  private String stage() {
    return String.format(Locale.ROOT, "stage %d: %d/%d partitions", stageId, tasksDone,
        stageTasks);
  }

  private synchronized void print() {
    if (stageId < 0) {
      return;
    }
    line.update(instancesDone(), stage());
  }

  /** Stops the refresh thread and ends the line. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    line.finish();
  }
}
