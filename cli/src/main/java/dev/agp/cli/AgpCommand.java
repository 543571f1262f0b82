package dev.agp.cli;

import dev.agp.client.AgpClient;
import dev.agp.client.LogLevel;
import dev.agp.client.Region;
import dev.agp.sandbox.AgpSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/** {@code agp}: the global options, and the client they configure. */
final class AgpCommand implements Runnable {

  /** The most requests in flight one command may make: more floods the server and the open-file limit. */
  static final int MAX_CONCURRENCY = 32;

  /** The most retries of one request: with backoff growing to 8 s, ten already wait more than a minute. */
  static final int MAX_RETRIES = 10;

  /** How long the embedded sandbox's live managers take, for {@code wait} and {@code watch} demos. */
  static final int LIVE_SPAN_SECONDS = 30;

  final Context context;
  final CommandSpec spec;

  // Set through setters that keep what was given: picocli resets an inherited option when it enters a
  // subcommand, so an option given before the command (agp --verbose sessions list) would end unset.
  @Nullable String baseUrl;
  @Nullable String region;
  boolean sandbox;
  @Nullable Integer timeoutSeconds;
  /** --timeout before the command: the old name of --request-timeout. */
  @Nullable String legacyTimeout;
  @Nullable Integer maxRetries;
  @Nullable Integer concurrency;
  boolean noProgress;
  boolean verbose;

  AgpCommand(Context context) {
    this.context = context;
    spec = CommandSpecs.command(this, "agp",
        "Work with the sessions of the AgP agent platform.",
        "",
        "Key: H_API_KEY, else HAI_API_KEY. Target: --base-url, else --region, else AGP_BASE_URL, else",
        "AGP_REGION, else eu. Runs against an embedded sandbox with --sandbox, or with no key and no",
        "explicit target (--base-url, --region, AGP_BASE_URL, AGP_REGION).");
    spec.usageMessage().synopsisSubcommandLabel("COMMAND");
    global(CommandSpecs.option("URL", String.class, "--base-url")
        .description("The API's base URL (default: the region's, or AGP_BASE_URL).")
        .setter(CommandSpecs.setter(v -> baseUrl = v == null ? baseUrl : (String) v)));
    global(CommandSpecs.option("eu|us", String.class, "--region")
        .description("The region: eu or us (default: AGP_REGION, else eu).")
        .setter(CommandSpecs.setter(v -> region = v == null ? region : (String) v)));
    global(CommandSpecs.flag("--sandbox").description("Run against an embedded sandbox.")
        .setter(CommandSpecs.setter(v -> sandbox |= Boolean.TRUE.equals(v))));
    global(CommandSpecs.option("SECONDS", Integer.class, "--request-timeout")
        .description("Timeout of each request, in seconds (default 60).")
        .setter(CommandSpecs.setter(v -> timeoutSeconds = v == null ? timeoutSeconds : (Integer) v)));
    // Its name before 'sessions wait --timeout DURATION' came: still accepted before the command.
    spec.addOption(CommandSpecs.option("SECONDS", String.class, "--timeout").hidden(true)
        .setter(CommandSpecs.setter(v -> legacyTimeout = v == null ? legacyTimeout : (String) v)).build());
    global(CommandSpecs.option("N", Integer.class, "--max-retries")
        .description("Retries of a failed request, 0 to 10 (default 2).")
        .setter(CommandSpecs.setter(v -> maxRetries = v == null ? maxRetries : (Integer) v)));
    global(CommandSpecs.option("N", Integer.class, "--concurrency")
        .description("Requests in flight for --all and tree (default 4).")
        .setter(CommandSpecs.setter(v -> concurrency = v == null ? concurrency : (Integer) v)));
    global(CommandSpecs.flag("--no-progress")
        .description("Never show the progress counter (it shows only on a terminal, and not with NO_COLOR or TERM=dumb).")
        .setter(CommandSpecs.setter(v -> noProgress |= Boolean.TRUE.equals(v))));
    global(CommandSpecs.flag("--verbose")
        .description("Log each request and response status to stderr (Authorization redacted).")
        .setter(CommandSpecs.setter(v -> verbose |= Boolean.TRUE.equals(v))));
  }

  /** An option of agp that every command below it accepts too, before or after its name. */
  private void global(OptionSpec.Builder option) {
    spec.addOption(option.scopeType(ScopeType.INHERIT).build());
  }

  @Override
  public void run() {
    throw missingCommand(spec);
  }

  /** @return the usage error of a command run without one of its subcommands, naming them all */
  static ParameterException missingCommand(CommandSpec spec) {
    return new ParameterException(spec.commandLine(), "Missing command: " + choices(spec));
  }

  /** @return the subcommands of a command as a choice: "choose list, get, status, tree or help" */
  static String choices(CommandSpec spec) {
    List<String> names = new ArrayList<>(spec.subcommands().keySet());
    String last = names.remove(names.size() - 1);
    return "choose " + (names.isEmpty() ? last : String.join(", ", names) + " or " + last);
  }

  /**
   * @param unit the counted thing, singular
   * @return a progress counter, drawn only for a person at a terminal who did not ask for plain output
   */
  Progress progress(String unit) {
    boolean plain = noProgress || context.env("NO_COLOR") != null || "dumb".equals(context.env("TERM"));
    Progress progress = new Progress(context.err, context.stderrIsTerminal && !plain, unit);
    context.progress = progress;
    return progress;
  }

  int concurrency() {
    return concurrency == null ? 4 : concurrency;
  }

  /**
   * Builds the client the options describe, once; checks every option first, so that a usage error never
   * follows a request.
   */
  AgpClient client(CommandSpec caller) {
    return client(caller, false);
  }

  /**
   * @param live whether an embedded sandbox, if one is used, should have sessions that progress (for
   *     {@code wait} and {@code watch}): three manager trees that end within {@value #LIVE_SPAN_SECONDS} s
   */
  AgpClient client(CommandSpec caller, boolean live) {
    if (context.client != null) {
      return context.client;
    }
    if (legacyTimeout != null && timeoutSeconds == null) {
      try {
        timeoutSeconds = Integer.valueOf(legacyTimeout.trim());
      } catch (NumberFormatException e) {
        throw new ParameterException(caller.commandLine(), "--timeout before the command is the timeout of each request in "
            + "whole seconds (now --request-timeout), but was \"" + Output.visible(legacyTimeout) + "\"; a wait's "
            + "--timeout DURATION goes after it: agp sessions wait ID --timeout 10m");
      }
    }
    if (timeoutSeconds != null && timeoutSeconds < 1) {
      throw new ParameterException(caller.commandLine(), "--request-timeout must be 1 or more seconds, but was "
          + timeoutSeconds);
    }
    if (maxRetries != null && (maxRetries < 0 || maxRetries > MAX_RETRIES)) {
      throw new ParameterException(caller.commandLine(), "--max-retries must be between 0 and " + MAX_RETRIES
          + ", but was " + maxRetries);
    }
    if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
      throw new ParameterException(caller.commandLine(), "--concurrency must be between 1 and " + MAX_CONCURRENCY
          + " (requests in flight to one server), but was " + concurrency);
    }
    Region chosenRegion = region == null ? Region.EU : Region.of(region).orElseThrow(() ->
        new ParameterException(caller.commandLine(), "--region must be eu or us, but was " + region));
    if (sandbox && (baseUrl != null || region != null)) {
      throw new ParameterException(caller.commandLine(), "--sandbox and " + (baseUrl != null ? "--base-url" : "--region")
          + " name two different targets: choose one");
    }
    if (baseUrl != null && baseUrl.isBlank()) {
      throw new ParameterException(caller.commandLine(),
          "--base-url must be an absolute http:// or https:// URL, but was empty");
    }
    // The library reads the environment (the key, AGP_BASE_URL, AGP_REGION) exactly as agp does; the flags
    // then win. These are only looked at to choose between the sandbox and a real target.
    String key = context.env(AgpClient.API_KEY_ENV) != null ? context.env(AgpClient.API_KEY_ENV) : context.env(AgpClient.API_KEY_FALLBACK_ENV);
    // Flags beat variables: --region beats AGP_BASE_URL, as region(...) beats fromEnv() in the library.
    String url = baseUrl != null ? baseUrl : region != null ? null : context.env(AgpClient.BASE_URL_ENV);
    boolean regionAsked = region != null || context.env(AgpClient.REGION_ENV) != null;
    AgpClient.Builder builder;
    // The embedded sandbox only when nothing else was asked: an explicit target without a key is a mistake.
    if (sandbox || (key == null && url == null && !regionAsked)) {
      // Data that ends now, so that filters relative to now (--created-after 24h) find sessions.
      AgpSandbox.Builder embedded = AgpSandbox.builder().dataUntil(Instant.now());
      AgpSandbox started = (live ? embedded.live(Duration.ofSeconds(LIVE_SPAN_SECONDS)) : embedded).start();
      context.sandbox = started;
      context.err.println("agp: using the embedded sandbox at " + started.baseUrl()
          + (sandbox ? "" : " (no H_API_KEY set; set it to use the real API)"));
      if (live) {
        context.err.println("agp: its live managers, done within " + LIVE_SPAN_SECONDS + " s: "
            + String.join(", ", AgpSandbox.LIVE_MANAGER_IDS));
      }
      builder = AgpClient.builder().baseUrl(started.baseUrl()).apiKey(started.apiKey());
    } else {
      try {
        builder = AgpClient.builder().fromEnv(context.env);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(caller.commandLine(), e.getMessage());
      }
      if (region != null) {
        builder.region(chosenRegion);
      }
      if (baseUrl != null) {
        builder.baseUrl(baseUrl);
      }
      if (key == null) {
        String target = url != null ? url : (chosenRegion == Region.US ? "the us region" : "the eu region");
        if (region == null && context.env(AgpClient.REGION_ENV) != null) {
          target = "the region in " + AgpClient.REGION_ENV;
        }
        throw new ParameterException(caller.commandLine(),
            "no API key: set H_API_KEY (or HAI_API_KEY) to use " + target + ", or use --sandbox");
      }
    }
    if (timeoutSeconds != null) {
      // The whole attempt is bounded; no separate read timeout, so that a timeout always reads "N s each".
      builder.callTimeout(Duration.ofSeconds(timeoutSeconds)).readTimeout(Duration.ZERO);
    }
    if (maxRetries != null) {
      builder.maxRetries(maxRetries);
    }
    if (verbose) {
      // Log lines carry server text (status lines, messages): shown visible, like everything else from it.
      builder.logLevel(LogLevel.BASIC).logger(line -> context.note(Output.visible(line)));
    }
    try {
      context.client = builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(caller.commandLine(), e.getMessage());
    }
    return context.client;
  }
}
