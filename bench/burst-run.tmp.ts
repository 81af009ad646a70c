import { burst } from "./burst.js";
const scale = Number(process.argv[2] ?? "0.01");
const prs = Number(process.argv[3] ?? "200");
const r = await burst({ timeScale: scale, pullRequests: prs });
console.log(
  JSON.stringify(
    {
      ...r,
      wrongChecks: r.wrongChecks.length,
      wrongSample: r.wrongChecks.slice(0, 5),
      evaluationErrors: r.evaluationErrors.length,
      repeatedWrites: r.repeatedWrites.slice(0, 5),
      problems: r.problems.slice(0, 3),
    },
    null,
    1,
  ),
);
process.exit(0);
