import { minimatch } from "minimatch";

/**
 * Whether a path of the build context reaches the builder under a
 * `.dockerignore`, as Docker decides: `#` lines are comments, `!` re-includes,
 * the last matching pattern wins, and a pattern that matches a directory
 * matches everything under it. https://docs.docker.com/build/concepts/context/#dockerignore-files
 */
export function dockerignore(text: string): (path: string) => boolean {
  const patterns = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const exception = line.startsWith("!");
      const glob = (exception ? line.slice(1) : line).trim().replace(/^\/+/, "").replace(/\/+$/, "");
      return { exception, glob };
    });
  return (path) => {
    const clean = path.replace(/^\.\//, "").replace(/\/+$/, "");
    const parts = clean.split("/");
    // The path itself and each directory above it.
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let included = true;
    for (const { exception, glob } of patterns) {
      if (candidates.some((candidate) => minimatch(candidate, glob, { dot: true }))) included = exception;
    }
    return included;
  };
}
