import { LocalGavel } from "../sandbox/gavel/local-gavel.js";
const n = Number(process.argv[2] ?? "40");
const local = await LocalGavel.start({ logLevel: (process.argv[3] as "warn") ?? "fatal" });
local.github.createRepo({ repo: "acme/x", maintainers: ["alice", "bob"], files: { "README.md": "x" } });
local.github.setDeliveryConcurrency(n);
local.github.resetRequestCounts();
const t = performance.now();
const prs: number[] = [];
for (let i = 0; i < n; i++) prs.push(local.github.openPullRequest({ repo: "acme/x", author: "zoe", title: "t", files: { [`a${i}.md`]: "x" } }));
await local.settle();
console.log("took", performance.now() - t);
const log = local.github.requestLog();
console.log(log.length, JSON.stringify(local.github.requestCounts()));
const st: Record<string, number> = {};
for (const d of local.github.deliveries()) st[`${d.event} ${d.status}`] = (st[`${d.event} ${d.status}`] ?? 0) + 1;
console.log(st);
const checks: Record<string, number> = {};
for (const p of prs) {
  const c = local.github.latestCheck({ repo: "acme/x", number: p });
  const k = c ? `${c.status} ${c.output.title}` : "none";
  checks[k] = (checks[k] ?? 0) + 1;
}
console.log(checks);
await local.stop();
process.exit(0);
