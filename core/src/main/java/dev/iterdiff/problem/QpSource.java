package dev.iterdiff.problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a {@code qp} instance comes from: a JSON file ({@link QpJson}) or a seeded generator
 * spec {@code generate:n=N,seed=S[,theta=P]} ({@link QpGenerator}). The {@code qp} problem's
 * {@link ProblemEntry#source}: {@code iterdiff jacobian --problem qp --data FILE.json}.
 */
public final class QpSource implements ProblemEntry.SourceFactory {

  /** The one instance. */
  public static final QpSource INSTANCE = new QpSource();

  private QpSource() {}

  /**
   * @param source a JSON file path or a generator spec.
   * @param alpha  ignored.
   * @throws IllegalArgumentException naming the file and the field, or the spec's key.
   */
  @Override
  public QuadraticProgram create(String source, double alpha) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("qp: --data must be a JSON file or "
          + QpGenerator.PREFIX + "n=N,seed=S, got '" + source + "'");
    }
    if (source.startsWith(QpGenerator.PREFIX)) {
      return QpGenerator.fromSpec(source);
    }
    String json;
    try {
      json = Files.readString(Path.of(source));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("qp: cannot read " + source + ": " + e.getMessage(), e);
    }
    return QpJson.parse(json, source);
  }

  /**
   * One QP as one JSON object ({@link QpJson}), e.g. a line of a sweep's JSON-lines instance
   * file.
   *
   * @throws IllegalArgumentException naming {@code origin}, the field and the value.
   */
  @Override
  public QuadraticProgram parse(String text, String origin) {
    return QpJson.parse(text, origin);
  }

  /** A small QP (n = 4, 1 equality, 2 inequalities, θ = b) for help texts and tests. */
  @Override
  public String example() {
    return QpGenerator.PREFIX + "n=4,seed=7,theta=b";
  }
}
