# FundLedger's HTTP service in a container. Two stages: the official Swift image builds a
# release binary with its resources; a slim Ubuntu of the same release runs it with libpq5 and
# nothing else (no compiler, no sources). docker-compose.yml runs it beside PostgreSQL.
#
#   docker build -t fundledger .
#   docker run --rm -e DATABASE_URL=postgresql://… -p 8080:8080 fundledger

# ---- build ----
FROM swift:6.3-noble AS build
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpq-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Tests too: the manifest names the test targets and SwiftPM wants their folders to exist.
COPY Package.swift ./
COPY Sources ./Sources
COPY sql ./sql
COPY Tests ./Tests
RUN swift build -c release --product fundledger --static-swift-stdlib \
    && mkdir -p /staging \
    && cp "$(swift build -c release --show-bin-path)/fundledger" /staging/ \
    && find "$(swift build -c release --show-bin-path)" -maxdepth 1 -name '*.resources' -exec cp -R {} /staging/ \;

# ---- run ----
FROM ubuntu:noble
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpq5 ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin fundledger
WORKDIR /app
COPY --from=build --chown=fundledger:fundledger /staging/ /app/
# The binary finds its SQL and OpenAPI resources beside it (the *.resources folders).
ENV PATH=/app:$PATH
USER fundledger
# The service reads these (APIConfiguration); docker-compose.yml sets them, DATABASE_URL too.
ENV FUNDLEDGER_HOST=0.0.0.0 FUNDLEDGER_PORT=8080 FUNDLEDGER_POOL_SIZE=8 LOG_LEVEL=info
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# Migrations are idempotent: each start brings the schema up to date, then serves. SIGTERM
# (docker stop) reaches fundledger through exec and stops it gracefully.
CMD ["sh", "-c", "fundledger migrate && exec fundledger serve --host 0.0.0.0"]
