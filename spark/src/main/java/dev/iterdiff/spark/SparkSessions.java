package dev.iterdiff.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The jobs' SparkSession: {@code SparkSession.builder().appName(..).getOrCreate()}, no master
 * in code — spark-submit's {@code --master} and {@code conf/spark-defaults.conf} decide.
 * Only when no {@code spark.master} is set at all (a plain {@code java} launch such as
 * {@code bin/iterdiff}) does it default to {@code local[*]}. In local mode the
 * {@code file://} file system is {@link NioLocalFileSystem} unless
 * {@code spark.hadoop.fs.file.impl} is set, and the executor heartbeat (which carries the
 * progress counters) is 2 s unless {@code spark.executor.heartbeatInterval} is set.
 */
public final class SparkSessions {

  private static final String HEARTBEAT = "spark.executor.heartbeatInterval";

  private SparkSessions() {}

  /**
   * The active session, or a new one named {@code appName}; a new one with its web UI on
   * prints the UI's address on stderr ({@code Spark UI: http://host:4040}).
   */
  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    String master = conf.get("spark.master", "local[*]");
    if (!conf.contains("spark.master")) {
      b = b.master(master);
    }
    boolean existed = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = local(b, master, conf).getOrCreate();
    if (!existed) {
      uiLine(spark).ifPresent(System.err::println);
    }
    return spark;
  }

  /** "Spark UI: URL (while the command runs)" when the session's web UI is on. */
  public static java.util.Optional<String> uiLine(SparkSession spark) {
    scala.Option<String> url = spark.sparkContext().uiWebUrl();
    return url.isDefined()
        ? java.util.Optional.of("Spark UI: " + url.get() + " (while the command runs)")
        : java.util.Optional.empty();
  }

  /**
   * {@code b} with the local-mode settings when {@code master} is a local master and
   * {@code conf} (the settings already given, e.g. by spark-submit) leaves them open:
   * {@link NioLocalFileSystem} for {@code file://}.
   */
  public static SparkSession.Builder local(SparkSession.Builder b, String master,
      SparkConf conf) {
    String key = "spark.hadoop." + NioLocalFileSystem.KEY;
    if (master.startsWith("local") && !conf.contains(key)) {
      b = b.config(key, NioLocalFileSystem.class.getName());
    }
    // the in-process executor's heartbeat carries the running tasks' counters to the progress
    // line (SweepProgressListener): every 2 s instead of 10 in local mode, where it is free
    if (master.startsWith("local") && !conf.contains(HEARTBEAT)) {
      b = b.config(HEARTBEAT, "2s");
    }
    return b;
  }
}
