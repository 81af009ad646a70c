/**
 * Every REST call lives in src/github/ (docs/architecture.md, "Layers"), and
 * none is GraphQL: this finds Octokit's call surfaces (`.rest`, `.paginate`,
 * `.request`, `.graphql`) used on anything typed as an Octokit outside it.
 * The type checker decides what is an Octokit, so a `params.request` of some
 * other object is not flagged. Run by `npm run lint`; exits 1 on a finding.
 *
 * Usage: tsx scripts/check-rest.ts [tsconfig] [allowed folder]
 */
import path from "node:path";
import ts from "typescript";

const CALL_SURFACES = new Set(["rest", "paginate", "request", "graphql"]);

export function findRestOutside(params: { tsconfig: string; allowed: string }): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    params.tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${params.tsconfig}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const checker = program.getTypeChecker();
  const allowed = path.resolve(params.allowed) + path.sep;
  const root = path.resolve(path.dirname(params.tsconfig)) + path.sep;
  const findings: string[] = [];
  for (const file of program.getSourceFiles()) {
    const name = path.resolve(file.fileName);
    if (!name.startsWith(root) || name.includes(`${path.sep}node_modules${path.sep}`) || name.startsWith(allowed)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && CALL_SURFACES.has(node.name.text) && isOctokit(checker.getTypeAtLocation(node.expression))) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        findings.push(`${path.relative(process.cwd(), name)}:${line + 1}: \`${node.getText()}\` calls GitHub outside ${path.relative(process.cwd(), allowed)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return findings;
}

/** An Octokit: it has both `rest` and `paginate`, as every client Probot hands out does. */
function isOctokit(type: ts.Type): boolean {
  return type.getProperty("rest") !== undefined && type.getProperty("paginate") !== undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const tsconfig = process.argv[2] ?? "tsconfig.build.json";
  const allowed = process.argv[3] ?? "src/github";
  const findings = findRestOutside({ tsconfig, allowed });
  for (const finding of findings) console.error(finding);
  if (findings.length > 0) {
    console.error(
      `✗ ${findings.length} GitHub call${findings.length === 1 ? "" : "s"} outside ${allowed}: move ${findings.length === 1 ? "it" : "them"} into a module of ${allowed} and call it through the RepoGateway.`,
    );
    process.exit(1);
  }
  console.log(`✔ every GitHub call is in ${allowed}`);
}
