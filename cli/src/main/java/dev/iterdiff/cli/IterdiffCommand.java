package dev.iterdiff.cli;

import dev.iterdiff.linalg.NativeBlas;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff}: the root command and the jar's main class (bin/iterdiff and
 * spark-submit both start here). Subcommands: {@code jacobian}, the {@code bench} group,
 * and those other packages add to the list below ({@code sweep}, {@code hyperopt}).
 *
 * <p>Exit status: 0 success, 2 bad usage or input (one line on stderr naming the option and
 * the value), 1 runtime failure. {@code --verbose} adds stack traces. See {@link
 * ErrorReporting}.
 */
@Command(name = "iterdiff", mixinStandardHelpOptions = true,
    versionProvider = IterdiffCommand.Version.class,
    description = "Differentiate through iterative solvers: unrolled, truncated, one-step and "
        + "implicit estimates of the Jacobian dx*/dtheta, locally or on Spark.",
    // one subcommand per line, so that helpers adding theirs merge cleanly
    subcommands = {
        JacobianCommand.class,
        BenchCommand.class,
        HyperoptCommand.class,
        DistillCommand.class,
        MetalearnCommand.class,
        SweepCommand.class,
        StudyCommand.class,
        ReportCommand.class,
    })
public final class IterdiffCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print stack traces on errors.")
  boolean verbose;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand (one of "
        + String.join(", ", spec.subcommands().keySet()) + "; see iterdiff --help)");
  }

  /** The configured command line (error handling, exit codes) for these arguments. */
  public static CommandLine commandLine(String... args) {
    ErrorReporting errors = new ErrorReporting(args);
    CatalogCandidates.init();
    CommandLine cl = new CommandLine(new IterdiffCommand())
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
    versionEverywhere(cl, new Version());
    return cl;
  }

  /** Every (sub)command's -V / --version prints the same as {@code iterdiff --version}. */
  private static void versionEverywhere(CommandLine cl, IVersionProvider version) {
    cl.getCommandSpec().versionProvider(version);
    for (CommandLine sub : cl.getSubcommands().values()) {
      versionEverywhere(sub, version);
    }
  }

  /** Runs the command line and returns the exit status; out and err are flushed. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine(args).setOut(out).setErr(err);
    int status = cl.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /** netlib's "Failed to load implementation from JNIBLAS" warnings: shown with --verbose. */
  private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");

  /** Main entry point: exits with the command's status. */
  public static void main(String[] args) {
    if (!Arrays.asList(args).contains("--verbose")) {
      NETLIB_LOG.setLevel(Level.SEVERE);
    }
    NativeBlas.configure(); // before Spark or MLlib can reach netlib first
    System.exit(commandLine(args).execute(args));
  }

  /** "iterdiff VERSION", the Java version and the BLAS in use. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"iterdiff " + projectVersion(),
          "Java " + System.getProperty("java.version") + ", BLAS " + NativeBlas.describe()};
    }

    /**
     * From the jar's Maven metadata ({@link dev.iterdiff.spark.BuildInfo}: the shaded jar
     * holds iterdiff-cli's); "(development build)" when run from target/classes.
     */
    static String projectVersion() {
      String v = dev.iterdiff.spark.BuildInfo.version();
      return v.equals("development build") ? "(development build)" : v;
    }
  }
}
