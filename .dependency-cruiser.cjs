/**
 * The layers Gavel's code keeps (docs/architecture.md, "Layers"), checked on
 * every CI run by `npm run lint`. A rule that fails names the import to undo.
 */
/** Pure code: it takes plain data and a `now`, and never talks to GitHub. */
const PURE = "(^|/)src/((policy|commands|messages|state|electorate|config)/|(pull-requests|votes)/(decide|loaded)-[^/]+$|(constants|comment-limits)\\.ts$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "An import circle: one of its modules must give up the other (see docs/architecture.md).",
      from: { path: "(^|/)src/" },
      to: { circular: true },
    },
    {
      name: "pure-stays-pure",
      severity: "error",
      comment: "policy/, commands/, messages/, state/, electorate/, config/ and the decide-/loaded- files of the use cases are pure: they import only each other, Node's built-ins and the pure libraries (minimatch, js-yaml). No probot, no octokit, no github/.",
      from: { path: PURE },
      to: { pathNot: [PURE, "(^|/)node_modules/(minimatch|js-yaml)/"], dependencyTypesNot: ["core"] },
    },
    {
      name: "no-octokit-in-use-cases",
      severity: "error",
      comment: "The use cases (pull-requests/, votes/) and the items they work on reach GitHub only through github/'s RepoGateway.",
      from: { path: "(^|/)src/(pull-requests|votes)/" },
      to: { path: "(^|/)node_modules/(probot|@octokit)/" },
    },
    {
      name: "handlers-translate",
      severity: "error",
      comment: "Handlers translate events; only app.ts wires them, and nothing else calls into them.",
      from: { path: "(^|/)src/", pathNot: "(^|/)src/(app|handlers/)" },
      to: { path: "(^|/)src/handlers/" },
    },
    {
      name: "production-never-loads-the-sandbox",
      severity: "error",
      comment: "sandbox/ is a development and test tool: src/ must not import it.",
      from: { path: "(^|/)src/" },
      to: { path: "(^|/)(sandbox|test|bench)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js"] },
  },
};
