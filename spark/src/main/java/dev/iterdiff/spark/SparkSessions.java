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
 * {@code spark.hadoop.fs.file.impl} is set, and the web UI is off unless
 * {@code spark.ui.enabled} is set.
 */
public final class SparkSessions {

  private SparkSessions() {}

  /** The active session, or a new one named {@code appName}. */
  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    String master = conf.get("spark.master", "local[*]");
    if (!conf.contains("spark.master")) {
      b = b.master(master);
    }
    return local(b, master, conf).getOrCreate();
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
   * that {@code conf} does not set — {@link NioLocalFileSystem} for {@code file://}, and the
   * web UI off (a Jetty server with ~40 servlets, about a second of a local run's start-up
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
    return m;
  }

  /** Spark's setting that starts the web UI. */
  public static final String UI = "spark.ui.enabled";
}
