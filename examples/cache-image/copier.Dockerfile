# For clusters without image volumes: a small copier for an init container. It holds the
# verified files and a shell to copy them into a shared emptyDir (see kubernetes.yaml).
#   docker buildx build -f copier.Dockerfile --build-arg CACHE_IMAGE=ghcr.io/org/tiktoken-cache:v1 -t ghcr.io/org/tiktoken-copier:v1 --push .
ARG CACHE_IMAGE=ghcr.io/org/tiktoken-cache:v1
FROM ${CACHE_IMAGE} AS tiktoken

FROM busybox:1.36
COPY --from=tiktoken /tiktoken_cache /tiktoken_cache
