package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.InstanceFileReader;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.config.ThetaCoordinate;
import dev.iterdiff.spark.config.ThetaSpec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The instances of a sweep as a specification, not a list: one segment per data set (in
 * config order) holding how its θ are made — the grid's per-coordinate points, the random
 * draws' coordinates and seed, or the instance file's rows — and its id range. Its size on
 * the driver does not grow with the instance count of a grid or a random sweep: the
 * executors generate their own instances from an id range ({@link #instances(long, long)}).
 *
 * <p>Ids and θ are exactly those of {@link SweepInstances#build}: data set by data set; a
 * grid's Cartesian product with the first coordinate slowest (id → mixed-radix digits); the
 * random draws of one {@link SplittableRandom} seeded with {@code seed} per data set, in
 * order (a range starting at sample s replays the s·m earlier draws, which costs nanoseconds
 * each).
 *
 * <p>With several iteration budgets ({@link SweepConfig#iterationGrid()}, K of them) every θ
 * is K instances, the budget fastest: θ id t with budget j is instance t·K + j, so the K
 * budgets of one θ are neighbours (one solve serves them, {@link InstanceRunner#run(List)}),
 * and one budget alone gives the ids of a single-budget sweep. A segment's count and first
 * id are in these instances; its cost is their mean, each instance's its own budget's
 * (cost ∝ k).
 */
public final class InstanceSpace implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * One data set's instances.
   *
   * @param data    index of the data set.
   * @param first   id of its first instance.
   * @param count   number of instances.
   * @param cost    estimated relative cost of each ({@link SweepInstances#cost}).
   * @param points  grid: the points per coordinate; else null.
   * @param coords  random: the coordinate per θ entry; else null.
   * @param seed    random: the seed.
   * @param thetas  file: the θ of the rows naming this data set (or none); else null.
   * @param own     own data (a problem that reads its own, data = −1): per instance its
   *                origin and its data (the JSON of one line); else null.
   * @param generator generated own data: the generator spec without its seed
   *                ({@code n=N,theta=P}), instance k seeded with seed + k; else null.
   */
  record Segment(int data, long first, long count, double cost, double[][] points,
      ThetaCoordinate[] coords, long seed, List<double[]> thetas, List<String[]> own,
      String generator) implements Serializable {

    Segment(int data, long first, long count, double cost, double[][] points,
        ThetaCoordinate[] coords, long seed, List<double[]> thetas) {
      this(data, first, count, cost, points, coords, seed, thetas, null, null);
    }
  }

  private final List<Segment> segments;
  private final long size;
  /** The budgets, or {0} for the config's only one (instances carry no budget). */
  private final int[] budgets;
  /** Per segment, the cost of an instance with each budget. */
  private final double[][] costs;

  private InstanceSpace(List<Segment> segments) {
    this(segments, new int[] {0}, null);
  }

  /**
   * @param segments θ segments (count θ instances, cost at the largest budget).
   * @param budgets  the budgets (K ≥ 1), or {0}.
   * @param costs    per segment the cost at each budget, or null (the segment's cost).
   */
  private InstanceSpace(List<Segment> thetaSegments, int[] budgets, double[][] costs) {
    int nk = budgets.length;
    this.budgets = budgets.clone();
    this.costs = new double[thetaSegments.size()][];
    List<Segment> expanded = new ArrayList<>();
    for (int i = 0; i < thetaSegments.size(); i++) {
      Segment s = thetaSegments.get(i);
      double[] c = costs == null ? filled(nk, s.cost()) : costs[i];
      this.costs[i] = c;
      double mean = 0;
      for (double v : c) {
        mean += v / nk;
      }
      expanded.add(new Segment(s.data(), s.first() * nk, s.count() * nk, mean, s.points(),
          s.coords(), s.seed(), s.thetas(), s.own(), s.generator()));
    }
    this.segments = List.copyOf(expanded);
    List<Segment> segments = this.segments;
    long n = 0;
    for (Segment s : segments) {
      n += s.count();
    }
    this.size = n;
  }

  /**
   * @param config   the sweep.
   * @param data     the loaded data sets, in config order.
   * @param fileRows the instance file's rows (mode = file), else null.
   * @throws JobConfigException as {@link SweepInstances#build}.
   */
  public static InstanceSpace of(SweepConfig config, List<SweepData> data,
      List<InstanceFileReader.Row> fileRows) {
    ThetaSpec spec = config.theta();
    if (fileRows != null) {
      for (InstanceFileReader.Row r : fileRows) {
        if (r.data() != null && data.stream().noneMatch(d -> d.name().equals(r.data()))) {
          throw new JobConfigException("sweep.theta.file", spec.file() + ":" + r.line()
              + ": unknown data set '" + r.data() + "'");
        }
      }
    }
    List<Segment> out = new ArrayList<>();
    List<double[]> costs = new ArrayList<>();
    int[] budgets = budgets(config);
    long next = 0;
    for (int di = 0; di < data.size(); di++) {
      SweepData d = data.get(di);
      Segment s;
      if (spec.mode() == ThetaSpec.Mode.FILE) {
        List<double[]> thetas = new ArrayList<>();
        for (InstanceFileReader.Row r : fileRows) {
          if (r.data() == null || r.data().equals(d.name())) {
            thetas.add(r.theta());
          }
        }
        // cost by θ length as the list builder does; rows of one data set share it unless
        // their lengths differ, then the mean is the per-range model
        double[] perBudget = new double[budgets.length];
        for (double[] t : thetas) {
          for (int j = 0; j < budgets.length; j++) {
            perBudget[j] += SweepInstances.cost(config, d, t.length, budget(config, budgets[j]))
                / thetas.size();
          }
        }
        costs.add(perBudget);
        s = new Segment(di, next, thetas.size(), perBudget[0], null, null, 0, thetas);
      } else {
        int m = spec.length(d.cols(), d.trainRows());
        ThetaCoordinate[] coords = new ThetaCoordinate[m];
        for (int j = 0; j < m; j++) {
          coords[j] = spec.coordinates().get(spec.coordinates().size() == 1 ? 0 : j);
        }
        double[] perBudget = new double[budgets.length];
        for (int j = 0; j < budgets.length; j++) {
          perBudget[j] = SweepInstances.cost(config, d, m, budget(config, budgets[j]));
        }
        costs.add(perBudget);
        double cost = perBudget[0];
        if (spec.mode() == ThetaSpec.Mode.RANDOM) {
          s = new Segment(di, next, spec.samples(), cost, null, coords, spec.seed(), null);
        } else {
          double[][] points = new double[m][];
          long n = 1;
          for (int j = 0; j < m; j++) {
            points[j] = coords[j].points();
            n = n * points[j].length;
            if (n > spec.maxInstances()) {
              throw new JobConfigException("sweep.theta.max-instances", "the grid for data set '"
                  + d.name() + "' has more than " + spec.maxInstances() + " points (" + m
                  + " coordinates); raise max-instances or use mode = random");
            }
          }
          s = new Segment(di, next, n, cost, points, null, 0, null);
        }
      }
      out.add(s);
      next += s.count();
    }
    if (next == 0) {
      throw new JobConfigException("sweep.theta", "no instances (the file names none of the "
          + "data sets?)");
    }
    return new InstanceSpace(out, budgets, costs.toArray(new double[0][]));
  }

  /** The config's budgets as instances carry them: {0} (the only one) unless it sweeps k. */
  static int[] budgets(SweepConfig config) {
    return config.sweepsIterations()
        ? config.iterationGrid().stream().mapToInt(Integer::intValue).toArray() : new int[] {0};
  }

  private static int budget(SweepConfig config, int k) {
    return k > 0 ? k : config.solver().iterations();
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  /** The number of budgets each θ runs with (1 without an iteration axis). */
  public int budgetCount() {
    return budgets.length;
  }

  /**
   * The instances of a problem that reads its own data ({@code qp}): the lines of an instance
   * file read on the driver ({@code lines}: origin {@code file:line} and the line), or, for
   * {@code lines} null, {@code theta.samples} generated problems of size {@code theta.n},
   * instance k seeded with {@code theta.seed} + k.
   *
   * @throws JobConfigException if there are none.
   */
  public static InstanceSpace ownData(SweepConfig config, List<String[]> lines) {
    ThetaSpec spec = config.theta();
    int[] budgets = budgets(config);
    double[] costs = new double[budgets.length];
    for (int j = 0; j < budgets.length; j++) {
      costs[j] = budget(config, budgets[j]) * (lines != null ? 1 : Math.pow(spec.n(), 3));
    }
    double cost = costs[0];
    Segment s;
    if (lines != null) {
      if (lines.isEmpty()) {
        throw new JobConfigException("sweep.theta.file", spec.file() + ": no instances in the "
            + "file");
      }
      s = new Segment(-1, 0, lines.size(), cost, null, null, 0, null, List.copyOf(lines), null);
    } else {
      s = new Segment(-1, 0, spec.samples(), cost, null, null, spec.seed(), null, null,
          "n=" + spec.n() + ",theta=" + spec.parameter());
    }
    return new InstanceSpace(List.of(s), budgets, new double[][] {costs});
  }

  /** The generator spec of instance k of a generated segment. */
  static String generated(Segment s, long k) {
    String[] parts = s.generator().split(",", 2);
    return dev.iterdiff.problem.QpGenerator.PREFIX + parts[0] + ",seed=" + (s.seed() + k) + ","
        + parts[1];
  }

  /** The instance count. */
  public long size() {
    return size;
  }

  /** Estimated cost of all instances. */
  public double totalCost() {
    double c = 0;
    for (Segment s : segments) {
      c += s.count() * s.cost();
    }
    return c;
  }

  List<Segment> segments() {
    return segments;
  }

  /**
   * The instances with ids in [from, to), in id order, generated lazily.
   *
   * @throws IllegalArgumentException if the range is not within [0, size].
   */
  public Iterator<SweepInstance> instances(long from, long to) {
    if (from < 0 || to > size || from > to) {
      throw new IllegalArgumentException("instance range [" + from + ", " + to
          + ") outside [0, " + size + ")");
    }
    int nk = budgets.length;
    return new Iterator<>() {
      private long id = from;
      private int seg = -1;
      private SplittableRandom rng;
      private int[] digits = new int[0];
      private long thetaIndex = -1;
      private SweepInstance current;

      @Override
      public boolean hasNext() {
        return id < to;
      }

      @Override
      public SweepInstance next() {
        if (id >= to) {
          throw new NoSuchElementException();
        }
        if (seg < 0 || id >= segments.get(seg).first() + segments.get(seg).count()) {
          enter();
        }
        long local = id - segments.get(seg).first();
        if (local / nk != thetaIndex) {
          thetaIndex = local / nk;
          current = generate(segments.get(seg), thetaIndex);
        }
        int j = (int) (local % nk);
        SweepInstance out = current.withBudget(id, budgets[j], costs[seg][j]);
        if (j > 0 && out.theta() != null) { // instances are independent: θ not shared
          out = new SweepInstance(out.id(), out.data(), out.theta().clone(), out.cost(),
              out.origin(), out.source(), out.error(), out.iterations());
        }
        id++;
        return out;
      }

      /** The θ instance t of segment s (t: the next after the last, or where enter() put it). */
      private SweepInstance generate(Segment s, long t) {
        double[] theta;
        if (s.own() != null) {
          String[] line = s.own().get((int) t);
          return new SweepInstance(t, -1, null, s.cost(), line[0], line[1], null);
        } else if (s.generator() != null) {
          String spec = generated(s, t);
          return new SweepInstance(t, -1, null, s.cost(), spec, spec, null);
        } else if (s.thetas() != null) {
          theta = s.thetas().get((int) t);
        } else if (s.coords() != null) {
          theta = new double[s.coords().length];
          for (int j = 0; j < theta.length; j++) {
            theta[j] = s.coords()[j].sample(rng);
          }
        } else {
          theta = new double[s.points().length];
          for (int j = 0; j < theta.length; j++) {
            theta[j] = s.points()[j][digits[j]];
          }
          for (int j = theta.length - 1; j >= 0; j--) {
            if (++digits[j] < s.points()[j].length) {
              break;
            }
            digits[j] = 0;
          }
        }
        return new SweepInstance(t, s.data(), theta, s.cost());
      }

      /** Moves to the segment holding id and positions the generator at id. */
      private void enter() {
        seg = 0;
        while (id >= segments.get(seg).first() + segments.get(seg).count()) {
          seg++;
        }
        Segment s = segments.get(seg);
        long k = (id - s.first()) / nk;
        thetaIndex = -1;
        if (s.coords() != null) {
          rng = new SplittableRandom(s.seed());
          for (long i = 0; i < k; i++) {
            for (ThetaCoordinate c : s.coords()) {
              c.sample(rng);
            }
          }
        } else if (s.points() != null) {
          digits = new int[s.points().length];
          for (int j = digits.length - 1; j >= 0; j--) {
            digits[j] = (int) (k % s.points()[j].length);
            k /= s.points()[j].length;
          }
        }
      }
    };
  }
}
