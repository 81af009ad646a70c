import type { ApplicationFunction } from "probot";
import { createGavel } from "./app.js";
import { readEnvironment } from "./deploy/read-environment.js";

/**
 * The app as `probot run` loads it, configured from the environment (see
 * docs/deployment.md). Throwing here stops `probot run` before it listens or
 * starts any webhook proxy: Gavel refuses to start without its identity or
 * with a webhook secret anyone knows, since that secret also keys Gavel's
 * signed state.
 */
const gavel: ApplicationFunction = (app, options) => {
  const environment = readEnvironment(process.env);
  if (!environment.ok) throw new Error(`Gavel cannot start:\n${environment.problems.map((problem) => `  - ${problem}`).join("\n")}`);
  for (const warning of environment.warnings) app.log.warn(warning);
  const { appFn, runtime } = createGavel(environment.config);
  // `probot run` handles no SIGTERM, and Node as a container's PID 1 ignores it: stop at once instead of
  // being killed after the grace period. Nothing is lost: state lives on GitHub and the sweep repairs.
  process.once("SIGTERM", () => {
    app.log.info("SIGTERM: stopping");
    runtime.stop();
    process.exit(0);
  });
  return appFn(app, options);
};

export default gavel;
