package dev.iterdiff.spark;

import java.io.File;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM (local[2], UI off, scratch under target/): the first
 * getOrCreate costs 5–7 s, later ones ~0.2 s, so every Spark test class shares it. Never
 * stopped by a test; Spark's shutdown hook stops it when the JVM exits.
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {}

  /** The shared session, created on first use. */
  public static synchronized SparkSession session() {
    if (session == null) {
      File local = new File("target/spark-local");
      local.mkdirs();
      session = SparkSession.builder()
          .appName("iterdiff-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4")
          .config("spark.local.dir", local.getAbsolutePath())
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
    }
    return session;
  }
}
