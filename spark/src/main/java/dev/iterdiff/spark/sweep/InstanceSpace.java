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

  private InstanceSpace(List<Segment> segments) {
    this.segments = List.copyOf(segments);
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
        double cost = 0;
        for (double[] t : thetas) {
          cost += SweepInstances.cost(config, d, t.length) / thetas.size();
        }
        s = new Segment(di, next, thetas.size(), cost, null, null, 0, thetas);
      } else {
        int m = spec.length(d.cols(), d.trainRows());
        ThetaCoordinate[] coords = new ThetaCoordinate[m];
        for (int j = 0; j < m; j++) {
          coords[j] = spec.coordinates().get(spec.coordinates().size() == 1 ? 0 : j);
        }
        double cost = SweepInstances.cost(config, d, m);
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
    return new InstanceSpace(out);
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
    double cost = config.solver().iterations();
    Segment s;
    if (lines != null) {
      if (lines.isEmpty()) {
        throw new JobConfigException("sweep.theta.file", spec.file() + ": no instances in the "
            + "file");
      }
      s = new Segment(-1, 0, lines.size(), cost, null, null, 0, null, List.copyOf(lines), null);
    } else {
      cost *= Math.pow(spec.n(), 3);
      s = new Segment(-1, 0, spec.samples(), cost, null, null, spec.seed(), null, null,
          "n=" + spec.n() + ",theta=" + spec.parameter());
    }
    return new InstanceSpace(List.of(s));
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
    return new Iterator<>() {
      private long id = from;
      private int seg = -1;
      private SplittableRandom rng;
      private int[] digits = new int[0];

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
        Segment s = segments.get(seg);
        double[] theta;
        if (s.own() != null) {
          String[] line = s.own().get((int) (id - s.first()));
          return new SweepInstance(id++, -1, null, s.cost(), line[0], line[1], null);
        } else if (s.generator() != null) {
          String spec = generated(s, id - s.first());
          return new SweepInstance(id++, -1, null, s.cost(), spec, spec, null);
        } else if (s.thetas() != null) {
          theta = s.thetas().get((int) (id - s.first()));
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
        return new SweepInstance(id++, s.data(), theta, s.cost());
      }

      /** Moves to the segment holding id and positions the generator at id. */
      private void enter() {
        seg = 0;
        while (id >= segments.get(seg).first() + segments.get(seg).count()) {
          seg++;
        }
        Segment s = segments.get(seg);
        long k = id - s.first();
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
