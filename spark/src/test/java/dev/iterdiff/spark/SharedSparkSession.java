package dev.iterdiff.spark;

import java.io.File;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM (the first getOrCreate costs 5–7 s, later ones
 * ~0.2 s): local[2], UI off, few shuffle partitions, scratch space under target/. Every Spark
 * test of every package takes its session from here; Spark's own shutdown hook stops it.
 */
public final class SharedSparkSession {

  private static SparkSession session;

  private SharedSparkSession() {}

  /** The shared session, created on first use. */
  public static synchronized SparkSession get() {
    if (session == null) {
      File target = new File("target").getAbsoluteFile();
      File local = new File(target, "spark-local");
      File warehouse = new File(target, "spark-warehouse");
      local.mkdirs();
      session = SparkSessions.local(SparkSession.builder()
          .appName("iterdiff-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "2")
          .config("spark.local.dir", local.getPath())
          .config("spark.sql.warehouse.dir", warehouse.getPath())
          .config("spark.driver.host", "127.0.0.1"), "local[2]", new SparkConf())
          .getOrCreate();
    }
    return session;
  }
}
