package dev.agp.cli;

import dev.agp.sandbox.AgpSandbox;
import dev.agp.sandbox.SandboxData;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code agp sandbox}: runs the sandbox in the foreground until interrupted. */
final class SandboxCommand implements Callable<Integer> {

  final AgpCommand root;
  final CommandSpec spec;

  SandboxCommand(AgpCommand root) {
    this.root = root;
    spec = CommandSpecs.command(this, "sandbox", "Run the sandbox API in the foreground; stop it with Ctrl-C.");
    spec.addOption(CommandSpecs.option("N", Integer.class, "--port")
        .description("Port to listen on (default: a free one).").defaultValue("0").build());
    spec.addOption(CommandSpecs.option("DURATION", String.class, "--live")
        .description("Add three manager trees that progress and end within DURATION (such as 2m): for 'sessions "
            + "wait' and 'sessions watch'.").build());
  }

  /** Released to stop the foreground sandbox; tests release it, people press Ctrl-C. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    int port = CommandSpecs.<Integer>value(spec, "--port");
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, but was " + port);
    }
    String liveSpan = CommandSpecs.value(spec, "--live");
    // Data that ends now, so that filters relative to now (--created-after 24h) find sessions.
    AgpSandbox.Builder builder = AgpSandbox.builder().port(port).dataUntil(Instant.now());
    if (liveSpan != null) {
      builder.live(Durations.parse(spec, "--live", liveSpan, Duration.ofSeconds(1), Duration.ofDays(1)));
    }
    AgpSandbox sandbox = builder.start();
    root.context.sandbox = sandbox;
    Thread hook = new Thread(stop::countDown, "agp-sandbox-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    root.context.out.println("AgP sandbox listening on " + sandbox.baseUrl());
    root.context.out.println("API key: " + sandbox.apiKey());
    root.context.out.println("Try:     H_API_KEY=" + sandbox.apiKey() + " AGP_BASE_URL=" + sandbox.baseUrl()
        + " ./agp sessions tree " + SandboxData.DEEP_TREE_ROOT_ID);
    if (liveSpan != null) {
      root.context.out.println("Live:    " + String.join(", ", AgpSandbox.LIVE_MANAGER_IDS) + " (try: ./agp sessions watch "
          + AgpSandbox.LIVE_MANAGER_IDS.get(0) + ")");
    }
    root.context.out.flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      // Interrupting the foreground sandbox stops it, like Ctrl-C; the command then ends normally, so the
      // flag is not restored (closing the server must not be interrupted).
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting; the hook is running.
      }
    }
    return 0;
  }
}
