/**
 * The entry point of Gavel's GitHub Actions mode (`node lib/actions/main.js`
 * in a workflow step). No logic here: it lives in run-in-actions.ts, which the
 * tests load. A failure fails the job, so the workflow's history shows it.
 */
import { runInActions } from "./run-in-actions.js";

await runInActions().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
