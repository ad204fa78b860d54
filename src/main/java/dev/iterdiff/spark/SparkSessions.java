package dev.iterdiff.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The jobs' SparkSession: {@code SparkSession.builder().appName(..).getOrCreate()}, no master
 * in code — spark-submit's {@code --master} and {@code conf/spark-defaults.conf} decide.
 * Only when no {@code spark.master} is set at all (a plain {@code java} launch such as
 * {@code bin/iterdiff}) does it default to {@code local[*]}.
 */
public final class SparkSessions {

  private SparkSessions() {}

  /** The active session, or a new one named {@code appName}. */
  public static SparkSession getOrCreate(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (!new SparkConf().contains("spark.master")) {
      b = b.master("local[*]");
    }
    return b.getOrCreate();
  }
}
