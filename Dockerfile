# SfBridge worker image. The app is published on the build host (scripts/docker-build.sh runs
# `dotnet publish -r linux-x64 --self-contained`), so only a runtime-deps base is needed here.
# BASE can point at a locally built Debian base where registries are not reachable.
ARG BASE=mcr.microsoft.com/dotnet/runtime-deps:10.0
FROM ${BASE}

LABEL org.opencontainers.image.title="SfBridge" \
      org.opencontainers.image.description="Enforces support procedures on Salesforce Service Cloud and alerts supervisors in Chatter"

RUN groupadd --system --gid 10001 sfbridge \
 && useradd --system --uid 10001 --gid sfbridge --home-dir /app --shell /usr/sbin/nologin sfbridge \
 && mkdir -p /app/data /app/mappings \
 && chown -R sfbridge:sfbridge /app/data

WORKDIR /app
COPY artifacts/publish/ /app/
COPY mappings/ /app/mappings/

ENV DOTNET_gcServer=0 \
    State__Provider=sqlite \
    Mappings__Path=/app/mappings \
    Logging__Format=json

USER sfbridge
VOLUME ["/app/data"]
ENTRYPOINT ["/app/SfBridge"]
CMD ["run"]
