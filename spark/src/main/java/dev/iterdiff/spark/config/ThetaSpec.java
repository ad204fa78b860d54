package dev.iterdiff.spark.config;

import dev.iterdiff.spark.config.InstanceFileReader;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the θ of a sweep come from.
 *
 * <ul>
 *   <li>{@code grid}: the Cartesian product of the coordinates' points (first coordinate
 *       slowest);</li>
 *   <li>{@code random}: {@code samples} draws, each coordinate drawn independently, from a
 *       {@link java.util.SplittableRandom} seeded with {@code seed} (the same draws for every
 *       data set of the same θ length);</li>
 *   <li>{@code file}: one instance per row of a JSON-lines, CSV or Parquet file (or a
 *       directory of them), read by Spark on the executors ({@code format}: {@code auto} — by
 *       extension —, {@code jsonl}, {@code csv}, {@code parquet}); for a problem that reads its
 *       own data ({@code qp}) one problem per line, as one JSON object;</li>
 *   <li>{@code generate}: problems that read their own data, from a seeded generator:
 *       {@code samples} instances of size {@code n}, instance i with seed {@code seed} + i,
 *       θ replacing the part {@code parameter} ({@code qp}: q, b, h or Q-scale; default b).</li>
 * </ul>
 *
 * {@code dimension} is the θ length: {@code coordinates} (the default: one coordinate each),
 * {@code features} (p of the data set), {@code samples} (N of the training rows) or an
 * integer; with one coordinate given and a larger dimension, that coordinate is repeated.
 *
 * @param mode         grid, random or file.
 * @param dimension    coordinates, features, samples or an integer (as text).
 * @param coordinates  the per-coordinate ranges (grid and random).
 * @param samples      number of random draws (random).
 * @param seed         seed of the random draws (random).
 * @param file         path of the instance file (file).
 * @param maxInstances a guard on the grid size per data set.
 * @param format       the instance file's format: auto, jsonl, csv or parquet (file).
 * @param n            the generated problems' size (generate).
 * @param parameter    the part θ replaces in generated problems (generate).
 */
public record ThetaSpec(Mode mode, String dimension, List<ThetaCoordinate> coordinates,
    int samples, long seed, String file, long maxInstances, String format, int n,
    String parameter) implements Serializable {

  /** How θ values are produced. */
  public enum Mode { GRID, RANDOM, FILE, GENERATE }

  /** The instance file's formats. */
  public static final List<String> FORMATS = List.of("auto", "jsonl", "csv", "parquet");

  /**
   * The instance file's format: {@code format} unless auto, else by the path's extension
   * ({@code .jsonl}/{@code .json}, {@code .csv}, {@code .parquet}).
   *
   * @throws JobConfigException when auto cannot tell.
   */
  public String fileFormat() {
    if (!format.equals("auto")) {
      return format;
    }
    String lower = file.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
      return "jsonl";
    }
    if (lower.endsWith(".csv")) {
      return "csv";
    }
    if (lower.endsWith(".parquet")) {
      return "parquet";
    }
    throw new JobConfigException("sweep.theta.format", "cannot tell the format of " + file
        + " by its extension (.jsonl, .json, .csv, .parquet): set format = jsonl, csv or "
        + "parquet");
  }

  /** Reads {@code sweep.theta}. */
  static ThetaSpec read(StrictConfig t) {
    t.allowOnly("mode", "dimension", "coordinates", "samples", "seed", "file", "max-instances",
        "format", "n", "parameter");
    String modeText = t.string("mode", t.has("file") ? "file" : "grid");
    Mode mode;
    try {
      mode = Mode.valueOf(modeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new JobConfigException(t.key("mode"), "expected grid, random, file or generate, got '"
          + modeText + "'" + t.origin("mode"));
    }
    String dimension = t.string("dimension", "coordinates");
    if (!dimension.equals("coordinates") && !dimension.equals("features")
        && !dimension.equals("samples")) {
      try {
        if (Integer.parseInt(dimension) < 1) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new JobConfigException(t.key("dimension"), "expected coordinates, features, "
            + "samples or an integer >= 1, got '" + dimension + "'" + t.origin("dimension"));
      }
    }
    long maxInstances = t.longInteger("max-instances", 10_000_000L);
    List<ThetaCoordinate> coords = new ArrayList<>();
    if (mode != Mode.FILE && mode != Mode.GENERATE) {
      if (!t.has("coordinates")) {
        throw new JobConfigException(t.key("coordinates"), "missing (required for mode "
            + modeText + ")");
      }
      List<StrictConfig> list = t.objects("coordinates");
      if (list.isEmpty()) {
        throw new JobConfigException(t.key("coordinates"), "empty list: the grid would be empty");
      }
      for (StrictConfig c : list) {
        coords.add(ThetaCoordinate.read(c));
      }
    } else if (t.has("coordinates")) {
      throw new JobConfigException(t.key("coordinates"), "not used with mode = "
          + modeText);
    }
    int samples = t.integer("samples", 0);
    if ((mode == Mode.RANDOM || mode == Mode.GENERATE) && samples < 1) {
      throw new JobConfigException(t.key("samples"), "must be >= 1 for mode = " + modeText
          + ", got " + samples);
    }
    int n = t.integer("n", 0);
    if (mode == Mode.GENERATE && n < 1) {
      throw new JobConfigException(t.key("n"), "must be >= 1 for mode = generate, got " + n);
    }
    if (mode != Mode.GENERATE) {
      for (String k : List.of("n", "parameter")) {
        if (t.has(k)) {
          throw new JobConfigException(t.key(k), "only used with mode = generate");
        }
      }
    }
    String parameter = t.string("parameter", "b");
    if (!List.of("q", "b", "h", "Q-scale").contains(parameter)) {
      throw new JobConfigException(t.key("parameter"), "expected q, b, h or Q-scale, got '"
          + parameter + "'");
    }
    String format = t.string("format", "auto");
    if (!FORMATS.contains(format)) {
      throw new JobConfigException(t.key("format"), "expected one of " + FORMATS + ", got '"
          + format + "'");
    }
    String file = t.string("file", null);
    if (mode == Mode.FILE && (file == null || file.isEmpty())) {
      throw new JobConfigException(t.key("file"), "missing (required for mode = file)");
    }
    ThetaSpec spec = new ThetaSpec(mode, dimension, List.copyOf(coords), samples,
        t.longInteger("seed", 0L), file, maxInstances, format, n, parameter);
    if (mode == Mode.FILE) {
      spec.fileFormat();
    }
    return spec;
  }

  /**
   * The θ length for a data set with p features and N training rows.
   *
   * @throws JobConfigException if the coordinates cannot fill that length.
   */
  public int length(int features, int trainingRows) {
    int d = switch (dimension) {
      case "coordinates" -> coordinates.size();
      case "features" -> features;
      case "samples" -> trainingRows;
      default -> Integer.parseInt(dimension);
    };
    if (mode != Mode.FILE && coordinates.size() != 1 && coordinates.size() != d) {
      throw new JobConfigException("sweep.theta.coordinates", coordinates.size()
          + " coordinates given for dimension " + dimension + " = " + d
          + " (give 1 to repeat it, or " + d + ")");
    }
    return d;
  }
}
