package dev.iterdiff.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The loopback standalone cluster of {@code jobs/local-cluster.sh} (1 master, 1 worker with 2
 * cores on 127.0.0.1, made from the Maven jars), driven from a test through the script itself:
 * {@link #start} runs {@code start} on free ports in its own directory, {@link #submit} runs a
 * {@code jobs/*.sh} script against it, {@link #executors} lists the executor JVMs by pid,
 * {@link #close} runs {@code stop}. Every wait has a deadline: a hang fails the test. Linux
 * only (bash, /proc).
 */
final class LoopbackCluster implements AutoCloseable {

  /** The project root (Maven runs the tests there). */
  static final Path ROOT = Path.of("").toAbsolutePath();

  private static final String EXECUTOR_CLASS =
      "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private final Path dir;
  private final Map<String, String> env;
  private final String masterUrl;

  private LoopbackCluster(Path dir, int port, int webui, int workerWebui) {
    this.dir = dir;
    this.masterUrl = "spark://127.0.0.1:" + port;
    this.env = Map.of("LOCAL_CLUSTER_DIR", dir.toString(),
        "LOCAL_CLUSTER_PORT", Integer.toString(port),
        "LOCAL_CLUSTER_WEBUI_PORT", Integer.toString(webui),
        "LOCAL_CLUSTER_WORKER_WEBUI_PORT", Integer.toString(workerWebui),
        "LOCAL_CLUSTER_TIMEOUT", "90");
  }

  /**
   * Stops what an aborted earlier run may have left in {@code dir}, then starts the cluster.
   *
   * @throws IllegalStateException with the script's output if it does not start.
   */
  static LoopbackCluster start(Path dir) throws IOException, InterruptedException {
    int[] ports = freePorts(3);
    LoopbackCluster c = new LoopbackCluster(dir, ports[0], ports[1], ports[2]);
    c.script("stop", Duration.ofSeconds(60));
    Run started = c.script("start", Duration.ofSeconds(150));
    if (started.status() != 0) {
      c.close();
      throw new IllegalStateException("jobs/local-cluster.sh start: status " + started.status()
          + "\n" + started.output());
    }
    return c;
  }

  /** A finished script: exit status and output (stdout and stderr). */
  record Run(int status, String output) {}

  String masterUrl() {
    return masterUrl;
  }

  Path sparkHome() {
    return dir.resolve("spark-home");
  }

  /** Runs {@code jobs/local-cluster.sh command}; killed and failed after {@code timeout}. */
  Run script(String command, Duration timeout) throws IOException, InterruptedException {
    Path log = Files.createDirectories(dir).resolve("script-" + command + ".out");
    Process p = process(List.of(ROOT.resolve("jobs/local-cluster.sh").toString(), command), log);
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      kill(p);
      throw new IllegalStateException("jobs/local-cluster.sh " + command + ": no exit after "
          + timeout.toSeconds() + " s\n" + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log));
  }

  /**
   * Starts {@code jobs/<script>} with this cluster's SPARK_HOME; stdout and stderr go to
   * {@code log}. The caller waits (with a deadline) and {@link #kill}s it if needed.
   */
  Process submit(String script, List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("jobs").resolve(script).toString());
    cmd.addAll(args);
    return process(cmd, log);
  }

  private Process process(List<String> cmd, Path log) throws IOException {
    ProcessBuilder b = new ProcessBuilder(cmd).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    b.environment().putAll(env);
    b.environment().put("SPARK_HOME", sparkHome().toString());
    b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return b.start();
  }

  /**
   * One executor JVM of this cluster.
   *
   * @param pid        its process id.
   * @param appId      the application it serves.
   * @param executorId its id within the application.
   * @param stderr     its log file, {@code work/<appId>/<executorId>/stderr}.
   */
  record Executor(long pid, String appId, String executorId, Path stderr) {}

  /** This cluster's executor JVMs (their command line names our jars), from /proc. */
  List<Executor> executors() throws IOException {
    String jars = sparkHome().resolve("jars").toString();
    List<Executor> found = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        List<String> args;
        try {
          args = List.of(new String(Files.readAllBytes(p.resolve("cmdline")),
              StandardCharsets.UTF_8).split("\0"));
        } catch (IOException gone) {
          continue;
        }
        int app = args.indexOf("--app-id");
        int id = args.indexOf("--executor-id");
        if (args.contains(EXECUTOR_CLASS) && String.join(" ", args).contains(jars)
            && app >= 0 && id >= 0 && app + 1 < args.size() && id + 1 < args.size()) {
          found.add(new Executor(Long.parseLong(name), args.get(app + 1), args.get(id + 1),
              dir.resolve("work").resolve(args.get(app + 1)).resolve(args.get(id + 1))
                  .resolve("stderr")));
        }
      }
    }
    return found;
  }

  /** Kills a process and its descendants (SIGKILL), waiting up to 10 s for each. */
  static void kill(Process p) throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
    all.add(p.toHandle());
    for (ProcessHandle h : all) {
      h.destroyForcibly();
    }
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // reported by the caller's failure; nothing more to do here
      }
    }
  }

  /** Runs {@code stop} (deadline 60 s). */
  @Override
  public void close() throws IOException, InterruptedException {
    Run stopped = script("stop", Duration.ofSeconds(60));
    if (stopped.status() != 0) {
      throw new IllegalStateException("jobs/local-cluster.sh stop: status " + stopped.status()
          + "\n" + stopped.output());
    }
  }

  /** {@code n} distinct free ports on 127.0.0.1 (all held open at once while chosen). */
  private static int[] freePorts(int n) throws IOException {
    ServerSocket[] sockets = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
    return ports;
  }
}
