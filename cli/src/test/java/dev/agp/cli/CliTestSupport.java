package dev.agp.cli;

import dev.agp.sandbox.AgpSandbox;
import dev.agp.sandbox.RecordedCall;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Runs the CLI in-process against a sandbox named by the environment, capturing both streams. */
abstract class CliTestSupport {
  static final String KEY = "sk-cli-test-5e1f0c9a77";

  AgpSandbox sandbox;

  record Result(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  @BeforeEach
  void startSandbox() {
    sandbox = AgpSandbox.builder().apiKey(KEY).start();
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("H_API_KEY", KEY);
    env.put("AGP_BASE_URL", sandbox.baseUrl());
    return env;
  }

  Result agp(String... args) {
    return agpWith(env(), args);
  }

  static Result agpWith(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = AgpCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, false);
    return new Result(exit, out.toString(), err.toString());
  }

  List<RecordedCall> listCalls() {
    return sandbox.requests().stream().filter(c -> c.path().equals("/api/v2/sessions")).toList();
  }
}
