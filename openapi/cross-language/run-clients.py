"""Runs the generated TypeScript and Python clients against a live `agp sandbox` and checks that they list
exactly what the Java client (the agp CLI) lists, query by query (queries.json: every page, one filter of
each kind). Run by .ci/run after `mvn verify` and the cross-language generation:

    python3 openapi/cross-language/run-clients.py cli/target/agp.jar

Exits 1 when a count differs, a query finds nothing (a vacuous comparison), or a prerequisite is missing.
"""
import datetime
import importlib
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OPENAPI = os.path.dirname(HERE)
NEEDED = {"pydantic": "2", "urllib3": "2", "dateutil": None, "typing_extensions": None}


def check_python():
    missing = []
    for module, major in NEEDED.items():
        try:
            loaded = importlib.import_module(module)
        except ImportError:
            missing.append(module)
            continue
        version = getattr(loaded, "__version__", getattr(loaded, "VERSION", ""))
        if major and not str(version).startswith(major):
            missing.append(f"{module} {major}.x (found {version})")
    if missing:
        sys.exit("run-clients: the generated Python client needs " + ", ".join(missing) + " for Python "
                 + sys.version.split()[0] + "; no package index is reachable here, so install them with the "
                 + "machine's package manager (Debian: python3-pydantic python3-urllib3 python3-dateutil "
                 + "python3-typing-extensions)")


def resolve(queries, now):
    """Times such as -12h become ISO-8601 instants that far before now."""
    units = {"m": "minutes", "h": "hours", "d": "days"}
    for query in queries["queries"]:
        for name, value in query["params"].items():
            match = re.fullmatch(r"-(\d+)([mhd])", value) if isinstance(value, str) else None
            if match:
                at = now - datetime.timedelta(**{units[match.group(2)]: int(match.group(1))})
                query["params"][name] = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return queries


def counts(output, who):
    result = {}
    for line in output.splitlines():
        if "\t" in line:
            count, name = line.split("\t", 1)
            result[name] = int(count)
    if not result:
        sys.exit(f"run-clients: {who} printed no counts:\n{output}")
    return result


def java_counts(jar, url, key, queries):
    env = dict(os.environ, H_API_KEY=key, AGP_BASE_URL=url)
    result = {}
    for query in queries["queries"]:
        command = ["java", "-jar", jar, "sessions", "list", "--all", "--size", str(queries["pageSize"]), "--format", "jsonl"]
        for name, value in query["params"].items():
            for one in value if isinstance(value, list) else [value]:
                command += ["--" + name.replace("_", "-"), one]
        run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            sys.exit(f"run-clients: java: {query['name']}: exit {run.returncode}\n{run.stderr}")
        ids = [json.loads(line)["id"] for line in run.stdout.splitlines() if line.strip()]
        if len(set(ids)) != len(ids):
            sys.exit(f"run-clients: java: {query['name']}: a session came twice")
        result[query["name"]] = len(ids)
    return result


def main(jar):
    check_python()
    sandbox = subprocess.Popen(["java", "-jar", jar, "sandbox", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        url = key = None
        for line in sandbox.stdout:
            if line.startswith("AgP sandbox listening on "):
                url = line.split(" on ", 1)[1].strip()
            elif line.startswith("API key: "):
                key = line.split(": ", 1)[1].strip()
            if url and key:
                break
        if not (url and key):
            sys.exit("run-clients: agp sandbox did not say where it listens")
        queries = resolve(json.load(open(os.path.join(HERE, "queries.json"))),
                          datetime.datetime.now(datetime.timezone.utc))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as resolved:
            json.dump(queries, resolved)
        python = subprocess.run([sys.executable, os.path.join(HERE, "list_all.py"), url, key, resolved.name],
                                env=dict(os.environ, PYTHONPATH=os.path.join(OPENAPI, "target/cross-language/python")),
                                capture_output=True, text=True, timeout=300)
        if python.returncode != 0:
            sys.exit(f"run-clients: the Python client failed:\n{python.stdout}{python.stderr}")
        node = subprocess.run(["node", os.path.join(OPENAPI, "target/cross-language/ts-run/cross-language/list-all.js"),
                               url, key, resolved.name], capture_output=True, text=True, timeout=300)
        if node.returncode != 0:
            sys.exit(f"run-clients: the TypeScript client failed:\n{node.stdout}{node.stderr}")
        by = {"java": java_counts(jar, url, key, queries), "python": counts(python.stdout, "python"),
              "typescript": counts(node.stdout, "typescript")}
        failed = False
        print(f"{'query':<32} {'java':>6} {'python':>7} {'typescript':>11}")
        for query in queries["queries"]:
            name = query["name"]
            row = [by[who].get(name) for who in ("java", "python", "typescript")]
            bad = len(set(row)) != 1 or not row[0]
            failed |= bad
            print(f"{name:<32} {row[0]!s:>6} {row[1]!s:>7} {row[2]!s:>11}" + ("   <-- differs or is empty" if bad else ""))
        os.unlink(resolved.name)
        if failed:
            sys.exit("run-clients: the clients do not list the same sessions")
        print("run-clients: the Java, Python and TypeScript clients list the same sessions")
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1])
