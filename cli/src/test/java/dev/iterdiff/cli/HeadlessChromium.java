package dev.iterdiff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven through its DevTools protocol (JSON over a WebSocket, Java's own
 * {@link HttpClient}; no WebDriver): opens a page, waits for its load event, evaluates
 * JavaScript, takes a full-page screenshot, and records every console error, uncaught
 * exception and browser log error (a failed image or file load is one) of the page. Every
 * wait is on a message from the browser, bounded by a timeout.
 */
final class HeadlessChromium implements AutoCloseable {

  /** The flags that work on this machine's Chromium (no sandbox as root, no network). */
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--hide-scrollbars",
      "--window-size=1280,1000", "--remote-debugging-port=0");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_S = 90;

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
  private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
  private String session;

  /**
   * Starts the browser with a fresh profile under {@code profile} and connects to it.
   *
   * @throws IOException if it does not start or does not announce its DevTools endpoint.
   */
  HeadlessChromium(String browser, Path profile) throws Exception {
    Files.createDirectories(profile);
    List<String> cmd = new ArrayList<>(List.of(browser));
    cmd.addAll(FLAGS);
    cmd.add("--user-data-dir=" + profile.toAbsolutePath());
    cmd.add("about:blank");
    process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    // the endpoint is announced on stderr: "DevTools listening on ws://127.0.0.1:PORT/devtools/…"
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          process.getErrorStream(), StandardCharsets.UTF_8))) {
        Pattern ws = Pattern.compile("DevTools listening on (ws://\\S+)");
        for (String line; (line = r.readLine()) != null;) {
          synchronized (log) {
            log.append(line).append('\n');
          }
          Matcher m = ws.matcher(line);
          if (m.find()) {
            endpoint.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        endpoint.completeExceptionally(e);
      }
      endpoint.completeExceptionally(new IOException("chromium ended before announcing "
          + "DevTools:\n" + log));
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    String url = endpoint.get(TIMEOUT_S, TimeUnit.SECONDS);
    socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(url), new Listener()).get(TIMEOUT_S, TimeUnit.SECONDS);
    String target = call(null, "Target.createTarget", Map.of("url", "about:blank"))
        .path("targetId").asText();
    session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
        .path("sessionId").asText();
    call("Runtime.enable", Map.of());
    call("Log.enable", Map.of());
    call("Page.enable", Map.of());
  }

  /** Console errors, exceptions and log errors seen so far (one line each). */
  List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** Navigates to {@code url} and waits for the page's load event. */
  void open(String url) throws Exception {
    CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
    awaited.put("Page.loadEventFired", loaded);
    JsonNode r = call("Page.navigate", Map.of("url", url));
    if (r.hasNonNull("errorText")) {
      throw new IOException("navigate to " + url + ": " + r.get("errorText").asText());
    }
    loaded.get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  /** Evaluates an expression and returns its value (JSON), awaiting a promise. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IOException("evaluate: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** A PNG of the whole page (beyond the viewport), written to {@code file}. */
  void screenshot(Path file) throws Exception {
    JsonNode metrics = call("Page.getLayoutMetrics", Map.of());
    JsonNode size = metrics.has("cssContentSize") ? metrics.get("cssContentSize")
        : metrics.get("contentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width").asDouble(),
        "height", size.get("height").asDouble(), "scale", 1);
    JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true, "clip", clip));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  private JsonNode call(String method, Map<String, Object> params) throws Exception {
    return call(session, method, params);
  }

  private JsonNode call(String sessionId, String method, Map<String, Object> params)
      throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT_S, TimeUnit.SECONDS);
    JsonNode r = reply.get(TIMEOUT_S, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IOException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  private void dispatch(JsonNode m) {
    if (m.has("id")) {
      CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
      if (f != null) {
        f.complete(m);
      }
      return;
    }
    String method = m.path("method").asText();
    JsonNode p = m.path("params");
    switch (method) {
      case "Runtime.consoleAPICalled" -> {
        if (p.path("type").asText().equals("error")
            || p.path("type").asText().equals("assert")) {
          errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
        }
      }
      case "Runtime.exceptionThrown" -> errors.add("exception: "
          + p.path("exceptionDetails").path("exception").path("description").asText(
              p.path("exceptionDetails").path("text").asText()));
      case "Log.entryAdded" -> {
        if (p.path("entry").path("level").asText().equals("error")) {
          errors.add("log: " + p.path("entry").path("text").asText() + " "
              + p.path("entry").path("url").asText());
        }
      }
      default -> {
        CompletableFuture<JsonNode> f = awaited.remove(method);
        if (f != null) {
          f.complete(p);
        }
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          dispatch(JSON.readTree(text.toString()));
        } catch (IOException e) {
          errors.add("unreadable DevTools message: " + e.getMessage());
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}",
          true).get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // killed below
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }
}
