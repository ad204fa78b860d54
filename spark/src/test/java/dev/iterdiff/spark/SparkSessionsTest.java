package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** What a local-mode session gets unless the user's settings say otherwise. */
class SparkSessionsTest {

  private static final String FS = "spark.hadoop.fs.file.impl";
  private static final String HEARTBEAT = "spark.executor.heartbeatInterval";

  @Test
  void aLocalMasterGetsTheNioFileSystemAndNoWebUi() {
    assertEquals(Map.of(FS, NioLocalFileSystem.class.getName(), "spark.ui.enabled", "false",
        HEARTBEAT, "2s"), SparkSessions.localDefaults("local[2]", new SparkConf(false)));
  }

  @Test
  void theUsersSettingsWin() {
    SparkConf given = new SparkConf(false).set("spark.ui.enabled", "true")
        .set(FS, "org.apache.hadoop.fs.LocalFileSystem").set(HEARTBEAT, "10s");
    assertEquals(Map.of(), SparkSessions.localDefaults("local[*]", given));
    assertEquals(Map.of("spark.ui.enabled", "false"), SparkSessions.localDefaults("local",
        new SparkConf(false).set(FS, "x").set(HEARTBEAT, "5s")));
  }

  @Test
  void aClusterMasterGetsNothing() {
    assertEquals(Map.of(), SparkSessions.localDefaults("spark://127.0.0.1:7077",
        new SparkConf(false)));
    assertEquals(Map.of(), SparkSessions.localDefaults("yarn", new SparkConf(false)));
  }
}
