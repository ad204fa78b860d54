package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.iterdiff.spark.config.HyperoptConfig;
import dev.iterdiff.spark.hyperopt.HyperoptJob;
import dev.iterdiff.spark.sweep.SweepJobTest;
import dev.iterdiff.spark.sweep.SweepRow;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs on a real HDFS (issue 16 §2): Hadoop's {@code MiniHadoopClusterManager} runs a
 * NameNode and a DataNode ({@code hadoop-minicluster} 3.4.2, the Hadoop of Spark 4.1.0) in a JVM
 * of its own on the class path the {@code hdfs-minicluster} module wrote — apart from Spark's
 * shaded Hadoop client, which {@code bin/iterdiff} and this test use to reach it over loopback.
 * The data set and an instance file are uploaded; the sweep reads both from {@code hdfs://} and
 * writes its Parquet there, and the rows read back equal those of the same sweep on the local
 * file system; hyperopt reads its data from HDFS, checkpoints there, stops after 3 outer steps,
 * and {@code --resume} from the HDFS checkpoint ends on the trajectory of an uninterrupted run on
 * local files. Every wait has a deadline.
 */
class HdfsIT {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path DIR = ROOT.resolve("cli/target/hdfs-it");
  private static Process cluster;
  private static String nn;
  private static FileSystem fs;

  @BeforeAll
  static void startHdfs() throws Exception {
    DriverKillIT.deleteRecursively(DIR);
    Files.createDirectories(DIR);
    Path cp = ROOT.resolve("target/minicluster-classpath.txt");
    assertTrue(Files.isRegularFile(cp), "no " + cp + ": the hdfs-minicluster module writes it");
    Path details = DIR.resolve("details.json");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Dtest.build.data=" + DIR.resolve("data"), "-Djava.io.tmpdir=" + DIR,
        "-cp", Files.readString(cp).trim(), "org.apache.hadoop.mapreduce.MiniHadoopClusterManager",
        "-nomr", "-nnport", "0", "-datanodes", "1", "-format", "-writeDetails",
        details.toString()).directory(DIR.toFile()).redirectErrorStream(true)
        .redirectOutput(DIR.resolve("minicluster.log").toFile());
    cluster = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    Pattern port = Pattern.compile("\"namenode_port\"\\s*:\\s*(\\d+)");
    while (true) {
      if (Files.isRegularFile(details)) {
        Matcher m = port.matcher(Files.readString(details));
        if (m.find()) {
          nn = "hdfs://127.0.0.1:" + m.group(1);
          break;
        }
      }
      if (!cluster.isAlive()) {
        fail("the minicluster exited (" + cluster.exitValue() + "):\n"
            + Files.readString(DIR.resolve("minicluster.log")));
      }
      if (System.nanoTime() > deadline) {
        fail("no NameNode after 180 s:\n" + Files.readString(DIR.resolve("minicluster.log")));
      }
      Thread.sleep(50);
    }
    fs = FileSystem.get(URI.create(nn), new Configuration());
    fs.mkdirs(new org.apache.hadoop.fs.Path("/in"));
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(ROOT.resolve(
        "data-samples/diabetes.libsvm").toString()), new org.apache.hadoop.fs.Path(
        "/in/diabetes.libsvm"));
    Path inst = DIR.resolve("instances.jsonl");
    Files.writeString(inst, """
        {"theta": 0.01}
        {"theta": [0.3]}
        # a comment line
        {"theta": 2}
        {"theta": "x"}
        """);
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(inst.toString()),
        new org.apache.hadoop.fs.Path("/in/instances.jsonl"));
  }

  @AfterAll
  static void stopHdfs() throws Exception {
    if (fs != null) {
      fs.close();
    }
    if (cluster != null) {
      cluster.descendants().forEach(ProcessHandle::destroyForcibly);
      cluster.destroyForcibly();
      cluster.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private record Run(int status, String out) {}

  private static Run iterdiff(String name, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/iterdiff").toString(),
        "--master", "local[2]", "--conf", "spark.ui.enabled=false"));
    cmd.addAll(List.of(args));
    Path log = DIR.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("ITERDIFF_NO_BUILD", "1");
    pb.environment().put("JAVA_OPTS", "-Djava.io.tmpdir=" + DIR + " -Dspark.local.dir=" + DIR);
    Process p = pb.start();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(name + " did not end in 600 s:\n" + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log));
  }

  private static String[] sweep(String data, String instances, String output) {
    return new String[] {"sweep", "--config", "conf/sweep-example.conf",
        "--set", "data=[{ name = diabetes, path = \"" + data + "\" }]",
        "--set", "theta={ file = \"" + instances + "\" }",
        "--set", "solver.iterations=40", "--set", "estimators=[one-step, implicit, truncated]",
        "--set", "output.path=" + output, "--set", "output.x=true"};
  }

  @Test
  void sweepReadsAndWritesHdfsWithTheRowsOfALocalRun() throws Exception {
    Run onHdfs = iterdiff("sweep-hdfs", sweep(nn + "/in/diabetes.libsvm",
        nn + "/in/instances.jsonl", nn + "/out/sweep"));
    assertEquals(0, onHdfs.status(), onHdfs.out());
    Run local = iterdiff("sweep-local", sweep(ROOT.resolve("data-samples/diabetes.libsvm")
        .toString(), DIR.resolve("instances.jsonl").toString(), DIR.resolve("sweep-local")
        .toString()));
    assertEquals(0, local.status(), local.out());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/out/sweep/results/_SUCCESS")));
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/out/sweep/summary.json")));
    List<SweepRow> hdfsRows = SweepJobTest.readBack(SharedSparkSession.get(),
        nn + "/out/sweep/results");
    List<SweepRow> localRows = SweepJobTest.readBack(SharedSparkSession.get(),
        DIR.resolve("sweep-local/results").toString());
    assertEquals(4 * 3, hdfsRows.size());
    // the same rows; the failed row's message names its own file (local path vs hdfs://)
    String localFile = DIR.resolve("instances.jsonl").toString();
    SweepJobTest.assertSameRows(localRows.stream().map(r -> r.message() == null ? r
        : r.withMessage(r.message().replace(localFile, nn + "/in/instances.jsonl")))
        .toList(), hdfsRows);
    // the malformed fourth instance is a failed row naming the HDFS file and its line
    SweepRow bad = hdfsRows.stream().filter(r -> r.instanceId() == 3).findFirst().orElseThrow();
    assertEquals("invalid-input", bad.status());
    assertEquals(nn + "/in/instances.jsonl:5: \"theta\" must be a number or an array of "
        + "numbers, got \"x\"", bad.message());
    assertFalse(hdfsRows.stream().filter(r -> r.instanceId() != 3).anyMatch(r -> !r.ok()));
  }

  @Test
  void hyperoptCheckpointsOnHdfsAndResumesToTheUninterruptedTrajectory() throws Exception {
    String data = "data=[\"" + nn + "/in/diabetes.libsvm\"]";
    String steps = "outer.max-iterations=8";
    String out = nn + "/out/hyperopt";
    Run first = iterdiff("hyperopt-first", "hyperopt", "--config", "conf/hyperopt-example.conf",
        "--set", data, "--set", steps, "--output", out, "--stop-after", "3");
    assertEquals(0, first.status(), first.out());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/out/hyperopt/checkpoint/state.json")),
        "no checkpoint on HDFS:\n" + first.out());
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/out/hyperopt/theta.json")),
        "finished before the stop:\n" + first.out());
    Run resumed = iterdiff("hyperopt-resume", "hyperopt", "--config",
        "conf/hyperopt-example.conf", "--set", data, "--set", steps, "--output", out,
        "--resume");
    assertEquals(0, resumed.status(), resumed.out());

    Path whole = DIR.resolve("hyperopt-local");
    assertTrue(HyperoptJob.run(SharedSparkSession.get(), HyperoptConfig.load(
        ROOT.resolve("conf/hyperopt-example.conf").toFile(), List.of(steps), whole.toString()),
        false,
        Integer.MAX_VALUE).finished());
    List<String> expected = DriverKillIT.trajectory(whole.resolve("trajectory.csv"));
    Path copy = DIR.resolve("trajectory-hdfs.csv");
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/out/hyperopt/trajectory.csv"))) {
      Files.write(copy, in.readAllBytes());
    }
    assertTrue(expected.size() > 4, "outer steps after the stop: " + expected.size());
    assertEquals(expected, DriverKillIT.trajectory(copy));
    // θ itself: the trajectory's last row (theta.json also names the data path, which differs)
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/out/hyperopt/theta.json")));
  }
}
