package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.SharedSparkSession;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** {@code iterdiff sweep}: a bad config stops before any Spark job; a good one prints the summary. */
class SweepCommandTest {

  static final String CONFIG = """
      sweep {
        name = cli-sweep
        data = [ { name = diabetes, path = "data-samples/diabetes.libsvm" } ]
        problem { name = ridge }
        solver { name = gd, iterations = 30 }
        theta { coordinates = [ { values = [0.1, 1] } ] }
        estimators = [one-step, implicit]
        reference { estimator = implicit, solver = newton, iterations = 50, tol = 1e-12 }
        output { path = "target/test-output/cli-sweep" }
      }
      """;

  static File write(String name, String text) throws IOException {
    File f = new File("target/test-output/" + name);
    f.getParentFile().mkdirs();
    Files.writeString(f.toPath(), text);
    return f;
  }

  /** Counts Spark jobs started while it is registered. */
  static final class JobCounter extends SparkListener {
    final AtomicInteger jobs = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart e) {
      jobs.incrementAndGet();
    }
  }

  @Test
  void badConfigsExitTwoNamingTheKeyBeforeAnySparkJob() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    JobCounter counter = new JobCounter();
    spark.sparkContext().addSparkListener(counter);
    try {
      String[][] cases = {
          {"unknown", CONFIG.replace("iterations = 30", "iterations = 30, momentum = 0.9"),
              "sweep.solver.momentum: unknown key"},
          {"wrong-type", CONFIG.replace("iterations = 30", "iterations = thirty"),
              "sweep.solver.iterations: expected an integer"},
          {"bad-budget", CONFIG.replace("iterations = 30", "iterations = [30, 0]"),
              "sweep.solver.iterations: item 2 of [30,0]"},
          {"empty-grid", CONFIG.replace("[0.1, 1]", "[]"),
              "sweep.theta.coordinates[0].values: empty list"}};
      for (String[] c : cases) {
        File f = write(c[0] + ".conf", c[1]);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = IterdiffCommand.execute(new PrintWriter(out), new PrintWriter(err),
            "sweep", "--config", f.getPath(), "--overwrite");
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().startsWith("iterdiff sweep: " + c[2]), err.toString());
        assertEquals(1, err.toString().strip().split("\n").length, "one line: " + err);
      }
      StringWriter err = new StringWriter();
      int status = IterdiffCommand.execute(new PrintWriter(new StringWriter()),
          new PrintWriter(err), "sweep", "--config", write("ok.conf", CONFIG).getPath(),
          "--set", "solver.tol=-1");
      assertEquals(2, status);
      assertTrue(err.toString().contains("sweep.solver.tol: must be finite and > 0"), err.toString());
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(0, counter.jobs.get(), "Spark jobs started by bad configs");
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  @Test
  void runsTheSweepAndPrintsTheSummary() throws IOException {
    SharedSparkSession.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = IterdiffCommand.execute(new PrintWriter(out), new PrintWriter(err), "sweep",
        "--config", write("ok.conf", CONFIG).getPath(), "--overwrite", "--iterations", "40",
        "--set", "estimators=implicit,one-step,unrolled-forward");
    assertEquals(0, status, err.toString());
    String text = out.toString();
    assertTrue(text.contains("cli-sweep: 2 instances"), text);
    for (String e : new String[] {"implicit", "one-step", "unrolled-forward"}) {
      assertTrue(text.contains("\n" + e + " "), text);
    }
    assertTrue(new File("target/test-output/cli-sweep/summary.json").isFile());
    assertTrue(new File("target/test-output/cli-sweep/results/_SUCCESS").isFile());
  }

  @Test
  void anUnwritableOutputExitsTwoAndABusyOneExitsOneWithOneLine() throws Exception {
    SharedSparkSession.get();
    File file = write("not-a-dir", "a file\n");
    CommandRun r = CommandRun.of("sweep", "--config", write("ok.conf", CONFIG).getPath(),
        "--output", file.getPath() + "/out");
    assertEquals(2, r.status(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("iterdiff sweep: sweep.output.path: ")
        && r.err().contains(file.getAbsolutePath() + "/out is not writable"), r.err());
    File busy = new File("target/test-output/cli-busy");
    busy.mkdirs();
    File lock = new File(busy, "_LOCK");
    Files.writeString(lock.toPath(), "run=other-run\nhost=h\npid=1\n");
    try {
      r = CommandRun.of("sweep", "--config", write("ok.conf", CONFIG).getPath(),
          "--output", busy.getPath(), "--overwrite");
    } finally {
      Files.delete(lock.toPath());
    }
    assertEquals(1, r.status(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("iterdiff sweep: ") && r.err().contains(
        busy.getAbsolutePath() + " is being written by run other-run"), r.err());
  }

  @Test
  void dataTooLargeForADenseMatrixStopsTheSweepWithOneLine() throws Exception {
    SharedSparkSession.get();
    File huge = write("sweep-huge-index.libsvm", "1 1:1\n1 100000000:1\n-1 1:2\n-1 2:1\n");
    CommandRun r = CommandRun.of("sweep", "--config", write("ok.conf", CONFIG).getPath(),
        "--overwrite", "--set", "data=[{name = huge, path = \"" + huge.getPath() + "\"}]");
    assertEquals(2, r.status(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().contains(huge.getName() + ": a dense ")
        && r.err().contains(" bytes"), r.err());
  }
}
