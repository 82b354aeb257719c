# syntax=docker/dockerfile:1
# Build stage: compile TypeScript and the native SQLite binding, then drop dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
# npm ci builds dist/ through the prepare script; the runtime keeps only the dependencies the build runs with
# (no typescript, eslint, drizzle-kit, tsx or esbuild: about 110 MB of node_modules).
RUN npm ci && npm prune --omit=dev

# Runtime stage: only what the bot needs, run as the unprivileged "node" user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/studybot.db \
    NOTES_DIR=/app/notes \
    QUESTIONS_DIR=/app/questions \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY notes ./notes
COPY questions ./questions
COPY migrations ./migrations
# the digest chart's fonts, with their licence
COPY assets ./assets
# The database lives on a volume so it survives upgrades; back it up with `studybot db backup`.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# The process's one HTTP server: /healthz, /metrics, and Slack's events in HTTP mode (Discord and Socket Mode only
# dial out).
EXPOSE 3000
# 503 when the database cannot be written, a gateway has been down over a minute or the scheduler has stalled.
# node:20-slim has no curl: Node's own fetch asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) shuts down in order within 8 s: no scheduler tick, answers acknowledged are committed.
STOPSIGNAL SIGTERM
# A small young generation keeps idle memory low at no start-up cost.
ENTRYPOINT ["node", "--max-semi-space-size=2", "dist/bin.js"]
CMD ["start"]
