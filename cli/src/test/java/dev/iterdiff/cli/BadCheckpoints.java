package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iterdiff.spark.SharedSparkSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The checkpoint cases of the bad-input corpus, made from a real checkpoint (two outer steps
 * of {@code bad-input/hyperopt/valid.conf}): cut short, garbage (a Java serialization
 * header), of a future version, written by another config, and written from other data at
 * the same path. Each case is its own copy of the output directory.
 */
final class BadCheckpoints {

  private static final String CONFIG = BadInputCorpusTest.CORPUS + "/hyperopt/valid.conf";

  private BadCheckpoints() {}

  static List<BadInputCorpusTest.Case> cases() throws IOException {
    SharedSparkSession.get();
    Path root = Path.of(BadInputCorpusTest.OUT, "checkpoints");
    delete(root);
    Path base = root.resolve("base");
    stopAfterTwo(base, List.of());
    List<BadInputCorpusTest.Case> all = new ArrayList<>();
    byte[] cut = Files.readAllBytes(Path.of(BadInputCorpusTest.CORPUS,
        "checkpoint/truncated.json"));
    all.add(replaced(root, base, "truncated", cut, "is not valid JSON"));
    byte[] garbage = Files.readAllBytes(Path.of(BadInputCorpusTest.CORPUS,
        "checkpoint/garbage.json"));
    all.add(replaced(root, base, "garbage", garbage, "is not valid JSON"));
    String future = Files.readString(base.resolve("checkpoint/state.json"))
        .replace("\"version\" : 2", "\"version\" : 7");
    all.add(replaced(root, base, "future-version", future.getBytes(StandardCharsets.UTF_8),
        "has version 7; this iterdiff reads versions 1 and 2 only"));
    Path other = copy(base, root.resolve("other-config"));
    all.add(new BadInputCorpusTest.Case("hyperopt checkpoint other-config", List.of("hyperopt",
        "--config", CONFIG, "--set", "folds=4", "--output", other.toString(), "--resume"),
        other.resolve("checkpoint/state.json") + " was written by a different config",
        other.toString()));
    Path data = root.resolve("data.libsvm");
    List<String> lines = Files.readAllLines(Path.of("data-samples/diabetes.libsvm"));
    Files.write(data, lines);
    Path changed = root.resolve("other-data");
    stopAfterTwo(changed, List.of("--set", "data=[\"" + data + "\"]"));
    Files.write(data, lines.subList(0, lines.size() / 2));
    all.add(new BadInputCorpusTest.Case("hyperopt checkpoint other-data", List.of("hyperopt",
        "--config", CONFIG, "--set", "data=[\"" + data + "\"]", "--output", changed.toString(),
        "--resume"), "--resume: data file " + data + " has changed since the checkpoint",
        changed.toString()));
    return all;
  }

  private static void stopAfterTwo(Path out, List<String> more) {
    List<String> args = new ArrayList<>(List.of("hyperopt", "--config", CONFIG, "--output",
        out.toString(), "--stop-after", "2"));
    args.addAll(more);
    CommandRun r = CommandRun.of(args.toArray(new String[0]));
    assertEquals(0, r.status(), r.err());
  }

  /** A copy of base whose state.json is {@code bytes} (no checksum file: the JSON is read). */
  private static BadInputCorpusTest.Case replaced(Path root, Path base, String name,
      byte[] bytes, String expected) throws IOException {
    Path out = copy(base, root.resolve(name));
    Files.write(out.resolve("checkpoint/state.json"), bytes);
    Files.deleteIfExists(out.resolve("checkpoint/.state.json.crc"));
    return new BadInputCorpusTest.Case("hyperopt checkpoint " + name, List.of("hyperopt",
        "--config", CONFIG, "--output", out.toString(), "--resume"),
        out.resolve("checkpoint/state.json") + " " + expected, out.toString());
  }

  static Path copy(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.copy(p, to.resolve(from.relativize(p)), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return to;
  }

  static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var all = Files.walk(p)) {
      for (Path q : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    }
  }
}
