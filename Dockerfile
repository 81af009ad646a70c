# syntax=docker/dockerfile:1
# Gavel's production image. See docs/deployment.md.
#   docker build -t gavel .
#   docker run --env-file .env -p 3000:3000 gavel

# Node 24 LTS, the runtime the Action runs on too (action.yml `runs.using`); see docs/deployment.md.
ARG NODE_VERSION=24

# ---- build: compile src/ to lib/ with the dev dependencies (TypeScript) ----
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: tsc needs none, and only dev tools (esbuild, watchers) have them.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies, the compiled app, a non-root user ----
FROM node:${NODE_VERSION}-slim AS runtime
# HOST: Probot listens on localhost by default, which a container's published port cannot reach.
# NO_SMEE_SETUP: never open a smee.io channel (Probot's setup mode does so outside production).
# LOG_FORMAT: `probot run` logs "pretty" unless told otherwise; log collectors want JSON.
ENV NODE_ENV=production \
    NO_SMEE_SETUP=true \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
# The app manifest, for Probot's registration page.
COPY app.yml ./
# Files stay owned by root: the app cannot rewrite its own code.
USER node
EXPOSE 3000
# Probot's own liveness route, GET /ping -> 200 "PONG", served once Gavel is loaded and listening.
# Node itself makes the request: slim images have no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
# Not `npm start`: its prestart step would compile again. Node is PID 1 and Gavel handles SIGTERM itself.
CMD ["node", "node_modules/probot/bin/probot.js", "run", "./lib/index.js"]
