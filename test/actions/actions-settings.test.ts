import { describe, expect, it } from "@jest/globals";
import { readActionsSettings } from "../../src/actions/actions-settings.js";

const TOKEN = "ghs_workflow-token";
const SECRET = "a-repository-secret-of-at-least-32-characters";

describe("Actions-mode settings", () => {
  const runner = {
    GITHUB_TOKEN: TOKEN,
    GITHUB_RUN_ID: "1",
    GITHUB_EVENT_NAME: "schedule",
    GITHUB_EVENT_PATH: "/tmp/event.json",
    GITHUB_REPOSITORY: "acme/widgets",
  };

  it("defaults the app id to GitHub Actions' and reads previous secrets for a rotation", () => {
    const settings = readActionsSettings({ env: { ...runner, GAVEL_SECRET: SECRET, GAVEL_SECRET_PREVIOUS: ` ${SECRET}-old ,` } });
    expect(settings).toEqual({ appId: 15368, secret: SECRET, previousSecrets: [`${SECRET}-old`], repository: { owner: "acme", repo: "widgets" } });
  });

  it("reads the inputs of Gavel's Action as the runner hands them over (INPUT_<ID>), a step's env first", () => {
    const { GITHUB_TOKEN: _token, ...withoutToken } = runner;
    const inputs = { INPUT_TOKEN: TOKEN, INPUT_SECRET: SECRET, "INPUT_PREVIOUS-SECRETS": `${SECRET}-old`, "INPUT_APP-ID": "42" };
    expect(readActionsSettings({ env: { ...withoutToken, ...inputs } })).toEqual({
      appId: 42,
      secret: SECRET,
      previousSecrets: [`${SECRET}-old`],
      repository: { owner: "acme", repo: "widgets" },
    });
    // A blank variable is no setting: the input behind it counts.
    expect(readActionsSettings({ env: { ...withoutToken, ...inputs, GAVEL_SECRET: `${SECRET}-env`, GAVEL_APP_ID: " " } })).toMatchObject({
      appId: 42,
      secret: `${SECRET}-env`,
    });
  });

  it.each([
    ["no secret", { ...runner }, "GAVEL_SECRET is not set"],
    ["a blank secret", { ...runner, GAVEL_SECRET: "   " }, "GAVEL_SECRET is not set"],
    ["a short secret", { ...runner, GAVEL_SECRET: "development" }, "GAVEL_SECRET is too short"],
    [
      "a short previous secret",
      { ...runner, GAVEL_SECRET: SECRET, GAVEL_SECRET_PREVIOUS: "old" },
      "GAVEL_SECRET_PREVIOUS: each secret needs at least 32 characters",
    ],
    ["a bad app id", { ...runner, GAVEL_SECRET: SECRET, GAVEL_APP_ID: "github-actions" }, 'GAVEL_APP_ID must be a positive whole number, not "github-actions"'],
    ["no token", { ...runner, GITHUB_TOKEN: "", GAVEL_SECRET: SECRET }, "GITHUB_TOKEN not set"],
    ["a blank token input", { ...runner, GITHUB_TOKEN: "", INPUT_TOKEN: " ", INPUT_SECRET: SECRET }, "GITHUB_TOKEN not set"],
    ["a short secret input", { ...runner, INPUT_SECRET: "development" }, "GAVEL_SECRET is too short"],
    ["a bad repository", { ...runner, GITHUB_REPOSITORY: "widgets", GAVEL_SECRET: SECRET }, 'GITHUB_REPOSITORY must read "owner/name", not "widgets"'],
  ])("refuses %s", (_name, env, message) => {
    expect(() => readActionsSettings({ env })).toThrow(message);
  });
});
