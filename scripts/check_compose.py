"""docker-compose.yml, Dockerfile and .dockerignore against what the service needs and reads.

Run by scripts/check-compose (with PyYAML from scripts/python-tools). Exit 1 with one line per
problem. `python scripts/check_compose.py --self-test` proves that each check can fail.
"""
import copy
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Variables read outside the code scanned below: libpq's own are not set by compose.
READ_PATTERNS = [
    re.compile(r'environment\["([A-Z][A-Z0-9_]*)"\]'),
    re.compile(r'Environment\(\)\.get\("([A-Z][A-Z0-9_]*)"\)'),
]
# Read by the service but about the machine, not the service's configuration.
NOT_CONFIGURATION = {"USER", "LOGNAME"}


def variables_read():
    """Every environment variable the service's code reads (APIConfiguration, serve, libpq's DATABASE_URL)."""
    names = set()
    for source in (ROOT / "Sources").rglob("*.swift"):
        text = source.read_text(encoding="utf-8")
        for pattern in READ_PATTERNS:
            names.update(pattern.findall(text))
    return names - NOT_CONFIGURATION


def check(compose, dockerfile, dockerignore, read):
    problems = []
    services = compose.get("services") or {}
    for name in ("postgres", "fundledger"):
        if name not in services:
            problems.append(f"service {name} missing")
    if problems:
        return problems
    postgres, app = services["postgres"], services["fundledger"]

    if not str(postgres.get("image", "")).startswith("postgres:"):
        problems.append("postgres: not the official postgres image")
    test = postgres.get("healthcheck", {}).get("test", [])
    if "pg_isready" not in " ".join(test if isinstance(test, list) else [test]):
        problems.append("postgres: no pg_isready health check")
    volumes = postgres.get("volumes") or []
    if not any(str(v).endswith(":/var/lib/postgresql/data") for v in volumes):
        problems.append("postgres: no volume on /var/lib/postgresql/data")
    named = {str(v).split(":")[0] for v in volumes}
    if not named & set((compose.get("volumes") or {}).keys()):
        problems.append("postgres: its volume is not declared under volumes:")

    build = app.get("build") or {}
    if isinstance(build, str):
        build = {"context": build}
    if build.get("context") not in (".", "./") or build.get("dockerfile", "Dockerfile") != "Dockerfile":
        problems.append("fundledger: not built from the top-level Dockerfile")
    condition = ((app.get("depends_on") or {}).get("postgres") or {}).get("condition") \
        if isinstance(app.get("depends_on"), dict) else None
    if condition != "service_healthy":
        problems.append("fundledger: does not wait for a healthy postgres (depends_on condition)")
    command = app.get("command")
    command = " ".join(command) if isinstance(command, list) else str(command or "")
    if not re.search(r"fundledger migrate\b.*&&.*fundledger serve\b.*--host 0\.0\.0\.0", command):
        problems.append("fundledger: command is not `fundledger migrate && … fundledger serve --host 0.0.0.0`")

    environment = app.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    set_names = set(environment)
    for name in sorted(set_names - read):
        problems.append(f"fundledger: sets {name}, which the service never reads")
    for name in sorted(read - set_names):
        problems.append(f"fundledger: the service reads {name}, which compose does not set")
    url = str(environment.get("DATABASE_URL", ""))
    if "@postgres:" not in url:
        problems.append("fundledger: DATABASE_URL does not reach the postgres service")
    port = str(environment.get("FUNDLEDGER_PORT", "8080"))
    if not any(str(p).endswith(":" + port) for p in app.get("ports") or []):
        problems.append(f"fundledger: FUNDLEDGER_PORT {port} is not published")

    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", dockerfile, re.MULTILINE | re.IGNORECASE)
    if len(stages) < 2 or not re.match(r"swift:6\.", stages[0][0]):
        problems.append("Dockerfile: not multi-stage from the official swift:6.x image")
    elif stages[-1][0].startswith("swift:") and "slim" not in stages[-1][0]:
        problems.append("Dockerfile: the runtime stage is a full Swift image")
    if "libpq5" not in dockerfile:
        problems.append("Dockerfile: the runtime stage does not install libpq5")
    for needed in (".build", ".git"):
        if needed not in dockerignore.split():
            problems.append(f".dockerignore: {needed} is sent to the build")
    return problems


def self_test(compose, dockerfile, dockerignore, read):
    """Each break below must be caught: a check that cannot fail checks nothing."""
    def broken(change):
        c = copy.deepcopy(compose)
        change(c)
        return check(c, dockerfile, dockerignore, read)

    breaks = {
        "unread variable": lambda c: c["services"]["fundledger"]["environment"].update(FUNDLEDGER_TYPO="1"),
        "unset variable": lambda c: c["services"]["fundledger"]["environment"].pop("FUNDLEDGER_POOL_SIZE"),
        "no health check": lambda c: c["services"]["postgres"].pop("healthcheck"),
        "no healthy wait": lambda c: c["services"]["fundledger"].update(depends_on=["postgres"]),
        "no migrate": lambda c: c["services"]["fundledger"].update(command=["fundledger", "serve"]),
        "no volume": lambda c: c["services"]["postgres"].pop("volumes"),
    }
    failures = [name for name, change in breaks.items() if not broken(change)]
    if not check(compose, dockerfile.replace("libpq5", "libpq"), dockerignore, read):
        failures.append("no libpq5")
    return failures


def main():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    dockerignore = (ROOT / ".dockerignore").read_text(encoding="utf-8")
    read = variables_read()
    if "--self-test" in sys.argv:
        failures = self_test(compose, dockerfile, dockerignore, read)
        for name in failures:
            print(f"check-compose self-test: a compose file with '{name}' passed", file=sys.stderr)
        return 1 if failures else 0
    problems = check(compose, dockerfile, dockerignore, read)
    for problem in problems:
        print(f"check-compose: {problem}", file=sys.stderr)
    if not problems:
        print(f"check-compose: docker-compose.yml, Dockerfile and .dockerignore hold together "
              f"(environment: {', '.join(sorted(read))})", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
