import { reading, type GitHub } from "./client.js";

/**
 * What the app's own identity gives: a client as the app (its JWT: the
 * installations, the webhook delivery log) and a client as each installation
 * (each with its own rate limit). Probot supplies both; Gavel's request
 * policy is already on them.
 */
export interface AppClient {
  asApp(): Promise<GitHub>;
  asInstallation(installationId: number): Promise<GitHub>;
}

export type Installation = Awaited<ReturnType<GitHub["rest"]["apps"]["listInstallations"]>>["data"][number];

/** Every installation of the app. https://docs.github.com/rest/apps/apps#list-installations-for-the-authenticated-app */
export async function listInstallations(app: GitHub): Promise<Installation[]> {
  return reading({ what: "listing the app's installations", read: () => app.paginate(app.rest.apps.listInstallations, { per_page: 100 }) });
}
