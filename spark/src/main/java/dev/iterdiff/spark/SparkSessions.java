package dev.iterdiff.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The jobs' SparkSession: {@code SparkSession.builder().appName(..).getOrCreate()}, no master
 * in code — spark-submit's {@code --master} and {@code conf/spark-defaults.conf} decide.
 * Only when no {@code spark.master} is set at all (a plain {@code java} launch such as
 * {@code bin/iterdiff}) does it default to {@code local[*]}. In local mode the
 * {@code file://} file system is {@link NioLocalFileSystem} unless
 * {@code spark.hadoop.fs.file.impl} is set, the executor heartbeat (which carries the
 * progress counters) is 2 s unless {@code spark.executor.heartbeatInterval} is set, and the
 * web UI is off unless {@code spark.ui.enabled} is set.
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
   * {@link NioLocalFileSystem} for {@code file://}, no web UI.
   */
  public static SparkSession.Builder local(SparkSession.Builder b, String master,
      SparkConf conf) {
    for (Map.Entry<String, String> e : localDefaults(master, conf).entrySet()) {
      b = b.config(e.getKey(), e.getValue());
    }
    return b;
  }

  /**
   * The settings {@link #local} adds: none unless {@code master} is local; then each of these
   * that {@code conf} does not set — {@link NioLocalFileSystem} for {@code file://}, the
   * executor heartbeat at 2 s (the live progress counters), and the web UI off (a Jetty server with ~40 servlets, about a second of a local run's start-up
   * that nobody looks at during a short run; {@code bin/iterdiff --ui} or
   * {@code --conf spark.ui.enabled=true} turns it on).
   */
  static Map<String, String> localDefaults(String master, SparkConf conf) {
    Map<String, String> m = new LinkedHashMap<>();
    if (!master.startsWith("local")) {
      return m;
    }
    String fs = "spark.hadoop." + NioLocalFileSystem.KEY;
    if (!conf.contains(fs)) {
      m.put(fs, NioLocalFileSystem.class.getName());
    }
    if (!conf.contains(UI)) {
      m.put(UI, "false");
    }
    // the in-process executor's heartbeat carries the running tasks' counters to the progress
    // line (SweepProgressListener): every 2 s instead of 10 in local mode, where it is free
    if (!conf.contains(HEARTBEAT)) {
      m.put(HEARTBEAT, "2s");
    }
    return m;
  }

  /** Spark's setting that starts the web UI. */
  public static final String UI = "spark.ui.enabled";
}
