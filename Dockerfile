# SfBridge worker image. scripts/docker-build.sh builds it (and smoke-runs it against the Salesforce emulator).
#
# Self-contained linux-x64: the final stage is runtime-deps (the OS libraries .NET needs, no .NET runtime), so the
# image carries exactly the runtime the app was tested with, and the same Dockerfile builds on a plain Debian base
# where Microsoft's registry cannot be reached (BASE=a local debootstrap image, see scripts/docker-build.sh).
# BUILD_BASE can likewise name a local image holding a .NET 10 SDK.
ARG BUILD_BASE=mcr.microsoft.com/dotnet/sdk:10.0
ARG BASE=mcr.microsoft.com/dotnet/runtime-deps:10.0

FROM ${BUILD_BASE} AS build
# Passed through to NuGet: "offline" where certificate revocation servers are unreachable (package signatures are
# still verified).
ARG NUGET_CERT_REVOCATION_MODE=online
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE}
WORKDIR /src
# Restore from the project files alone, so a code change reuses the restored layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY Worker/Worker.csproj Worker/
# No build servers: a compiler server left running would outlive the step (and, under chroot isolation, the build).
RUN dotnet restore Worker/Worker.csproj --runtime linux-x64 --disable-build-servers
COPY Worker/ Worker/
RUN dotnet publish Worker/Worker.csproj --no-restore --disable-build-servers --configuration Release --runtime linux-x64 \
      --self-contained --output /out -p:DebugType=none

FROM ${BASE}
LABEL org.opencontainers.image.title="SfBridge" \
      org.opencontainers.image.description="Enforces support procedures on Salesforce Service Cloud and alerts supervisors in Chatter"

# A fixed numeric id, so orchestrators can check runAsNonRoot and volumes can be prepared with chown 10001.
RUN groupadd --gid 10001 sfbridge \
 && useradd --uid 10001 --gid sfbridge --home-dir /app --no-create-home --no-log-init --shell /usr/sbin/nologin sfbridge \
 && mkdir -p /app/data \
 && chown sfbridge:sfbridge /app/data

WORKDIR /app
COPY --from=build /out/ /app/
COPY mappings/ /app/mappings/

# State in the volume; JSON logs for the container's log driver. The health endpoint listens on every interface
# (the product's default is loopback only) so the orchestrator's probes can reach it through EXPOSE'd port 5380.
ENV DOTNET_gcServer=0 \
    State__Provider=sqlite \
    State__ConnectionString="Data Source=/app/data/sfbridge.db" \
    Mappings__Path=/app/mappings \
    Logging__Format=json \
    Health__Url=http://0.0.0.0:5380

USER 10001:10001
VOLUME ["/app/data"]
EXPOSE 5380
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["/app/SfBridge", "health"]
ENTRYPOINT ["/app/SfBridge"]
CMD ["run"]
