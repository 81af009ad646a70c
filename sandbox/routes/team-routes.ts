import { notFound, type ApiRequest, type RouteTable } from "../server/route-types.js";
import type { Team } from "../model/store.js";
import type { RouteContext } from "./route-context.js";

/** An org's teams, as an installation of that org sees them. */
export function teamRoutes(ctx: RouteContext): RouteTable {
  const { store, presenter } = ctx;
  /** The team a request names; other orgs' teams are 404, as for a token that can't see them. */
  const teamOf = (request: ApiRequest): Team => {
    const org = request.params.org ?? "";
    if (request.installation?.account.login.toLowerCase() !== org.toLowerCase()) throw notFound();
    const team = store.team({ org, slug: request.params.team_slug ?? "" });
    if (!team) throw notFound();
    return team;
  };
  return {
    // https://docs.github.com/rest/teams/members#list-team-members: active members only, never pending invitations;
    // members of child teams too, with `inherited: true`; `role` filters by the member's role on the team.
    "GET /orgs/{org}/teams/{team_slug}/members": (request) => {
      const team = teamOf(request);
      const role = request.query.get("role") ?? "all";
      const listed = store.teamListing(team).filter((m) => role === "all" || m.role === role);
      return { status: 200, list: listed.map((listing) => presenter.teamMember({ team, listing })) };
    },

    // https://docs.github.com/rest/teams/teams#list-child-teams
    "GET /orgs/{org}/teams/{team_slug}/teams": (request) => ({ status: 200, list: store.childTeams(teamOf(request)).map((t) => presenter.team(t)) }),
  };
}
