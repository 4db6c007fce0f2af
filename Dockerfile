# syntax=docker/dockerfile:1
# One image for every Signalbox process; the `signalbox` command is the entry point:
#   docker build -t signalbox .
#   docker run --rm -e DATABASE_URL=… signalbox migrate
#   docker run -e DATABASE_URL=… -e SIGNALBOX_AUTH_SECRET=… -p 3000:3000 signalbox console
#   docker run -e DATABASE_URL=… signalbox worker --health-port 9090
# The image needs an external PostgreSQL (DATABASE_URL): it ships no embedded one. See docs/deploy.md.

ARG NODE_IMAGE=node:20-slim

# 1. Production dependencies only. The CLI runs its TypeScript through tsx, a production dependency.
#    `npm ci --omit=dev` still installs dev tools that production packages name as optional peers
#    (vitest, typescript, @playwright/test…); the prune keeps only what production code can load,
#    less the embedded PostgreSQL, Next's compiler and Mermaid (see the script).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/image/image-dependencies.mjs ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && node image-dependencies.mjs prune . \
 && rm image-dependencies.mjs \
 && npm cache clean --force

# 2. The console's standalone build (this stage has the dev dependencies), laid out as the runtime
#    runs it by the same script the image test uses.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && node scripts/image/assemble-image.mjs /app/image

# 3. The runtime: Node, production node_modules, the standalone console and the CLI's sources, owned
#    by root and read-only for the `node` user that runs them (uid 1000). Writable: /tmp (tsx's cache)
#    and .next/cache; Kubernetes mounts emptyDirs there under a read-only root filesystem.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    SIGNALBOX_HOME=/tmp/signalbox
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/image ./
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000 9090
ENTRYPOINT ["node", "cli/signalbox.mjs"]
CMD ["--help"]
