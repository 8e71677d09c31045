# Följa in a container: built from Debian packages in one stage, run from a slim one.
#   docker build -t folja .
#   docker run -p 8080:8080 -v folja-data:/data folja            # empty database
#   docker run -p 8080:8080 -v folja-data:/data folja serve --db /data/folja.db --listen 0.0.0.0:8080 --demo
#   docker exec <container> folja token create --role editor --db /data/folja.db
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
        build-essential meson ninja-build pkg-config python3 \
        libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev check \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN meson setup /build --buildtype=release && ninja -C /build folja

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
        libmicrohttpd12 libjansson4 libsqlite3-0 libsodium23 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /data folja && mkdir /data && chown folja /data
COPY --from=build /build/folja /usr/local/bin/folja
USER folja
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["folja"]
CMD ["serve", "--db", "/data/folja.db", "--listen", "0.0.0.0:8080"]
