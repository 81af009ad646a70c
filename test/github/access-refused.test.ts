import { describe, expect, it } from "@jest/globals";
import { accessRefused, GitHubError } from "../../src/github/client.js";

/** An error as Octokit throws it: a status and GitHub's message. */
function requestError(params: { status: number; message: string }): Error {
  return Object.assign(new Error(params.message), { status: params.status });
}

describe("accessRefused", () => {
  const cases: Array<[string, unknown, boolean]> = [
    ["403 not accessible, as Octokit throws it", requestError({ status: 403, message: "Resource not accessible by integration" }), true],
    [
      "the same, wrapped by `reading`",
      new GitHubError({ what: "creating a check", cause: requestError({ status: 403, message: "Resource not accessible by integration" }) }),
      true,
    ],
    ["a secondary rate limit's 403", requestError({ status: 403, message: "You have exceeded a secondary rate limit" }), false],
    ["404", requestError({ status: 404, message: "Not Found" }), false],
    ["a 502", requestError({ status: 502, message: "Bad Gateway" }), false],
    ["not an error", "Resource not accessible by integration", false],
  ];
  it.each(cases)("%s", (_name, error, expected) => {
    expect(accessRefused(error)).toBe(expected);
  });
});
