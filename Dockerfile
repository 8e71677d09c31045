# Följa in a container: built from Debian packages in one stage, run from a slim one.
#   docker build -t folja .
#   docker run -p 8080:8080 -v folja-data:/data folja            # empty database
#   docker run -p 8080:8080 -v folja-data:/data folja serve --db /data/folja.db --listen 0.0.0.0:8080 --demo
#   docker exec <container> folja token create --role editor --db /data/folja.db
#   docker exec <container> folja backup --db /data/folja.db --to /data/backup-$(date +%F).db
# Before serving, an existing database is checked (folja check) and the container stops with
# one line when it is damaged; the health check asks /healthz, which answers 503 when the
# database does not.  tests/dockerfile_packages.sh checks that every package named here exists
# in Debian bookworm.
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
        build-essential meson ninja-build pkg-config python3 \
        libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev zlib1g-dev check \
        libcmark-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN meson setup /build --buildtype=release && ninja -C /build folja

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
        libmicrohttpd12 libjansson4 libsqlite3-0 libpq5 libsodium23 zlib1g libcmark0.30.2 curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /data folja && mkdir /data && chown folja /data
COPY --from=build /build/folja /usr/local/bin/folja
USER folja
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz >/dev/null || exit 1
ENTRYPOINT ["folja"]
CMD ["serve", "--db", "/data/folja.db", "--listen", "0.0.0.0:8080", "--check"]
