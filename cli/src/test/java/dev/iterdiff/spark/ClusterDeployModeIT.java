package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cluster deploy mode on the loopback standalone cluster: {@code jobs/sweep.sh --deploy-mode
 * cluster} — the driver runs on the worker, from the application jar alone (its OpenBLAS and
 * libraries inside), with conf/log4j2.properties shipped by {@code --files} — and the sweep
 * completes with its rows and summary. Inputs are absolute paths, since the driver's working
 * directory is the worker's. spark-submit waits for the driver
 * ({@code spark.standalone.submit.waitAppCompletion}).
 */
class ClusterDeployModeIT {

  @Test
  void aSweepSubmittedInClusterDeployModeCompletes() throws Exception {
    Path root = LoopbackCluster.ROOT;
    Path out = root.resolve("target/it-output/cluster-deploy");
    Path log = Files.createDirectories(out.getParent()).resolve("cluster-deploy-submit.log");
    Path dir = root.resolve("target/it-cluster-deploy");
    try (LoopbackCluster cluster = LoopbackCluster.start(dir)) {
      List<String> args = List.of("--master", cluster.masterUrl(), "--deploy-mode", "cluster",
          "--conf", "spark.standalone.submit.waitAppCompletion=true", "--conf",
          "spark.ui.enabled=false", "--", "--config", root.resolve("conf/sweep-example.conf")
              .toString(), "--set", "data=[{name: diabetes, path: \""
              + root.resolve("data-samples/diabetes.libsvm") + "\"}]", "--set",
          "theta.coordinates=[{log: {from: 1e-3, to: 10, count: 8}}]", "--set",
          "output.path=" + out, "--set", "output.overwrite=true");
      Process submit = cluster.submit("sweep.sh", args, log);
      try {
        if (!submit.waitFor(300, TimeUnit.SECONDS)) {
          fail("no end after 300 s:\n" + Files.readString(log));
        }
      } finally {
        LoopbackCluster.kill(submit);
      }
      String text = Files.readString(log);
      assertEquals(0, submit.exitValue(), text);
      // the driver ran on the worker (cluster deploy mode), not in spark-submit's JVM
      assertTrue(text.contains("Driver successfully submitted"), text);
    }
    assertTrue(Files.isRegularFile(out.resolve("results/_SUCCESS")), "no _SUCCESS");
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"instances\":8") && summary.contains("\"rows\":40"),
        summary);
  }
}
