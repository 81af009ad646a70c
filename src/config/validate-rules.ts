import { keysOf, ON_CHANGE, RULE_SPEC } from "./config-spec.js";
import { RULE_DEFAULTS } from "./defaults.js";
import { checkKeys, describeValue, isRecord, readBoolean, readDuration, readString, readStringList, readThreshold } from "./raw-values.js";
import type { NormalizedItem, ProblemSink } from "./raw-values.js";
import type { OnChange, Rule } from "./types.js";

export const RULE_KEYS: readonly string[] = keysOf(RULE_SPEC);

/**
 * `rules:`. Undefined when the key is absent (the defaults apply) or invalid.
 * A config's rules replace the default rules; keys a rule leaves out take
 * RULE_DEFAULTS. The config file's own governance is added later.
 */
export function validateRules(params: { value: unknown; sink: ProblemSink }): Rule[] | undefined {
  const { value, sink } = params;
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) {
    sink.add({ key: "rules", message: `\`rules\` must be a list of rules (\`- name: ...\`), not ${describeValue(value)}` });
    return undefined;
  }
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  value.forEach((item: unknown, index) => {
    const key = `rules[${index}]`;
    const rule = validateRule({ value: item, key, sink });
    if (rule === undefined) return;
    const previous = seen.get(rule.name.toLowerCase());
    if (previous !== undefined) {
      sink.add({ key: `${key}.name`, message: `rule name \`${rule.name}\` is already used by \`rules[${previous}]\`; names must be unique` });
    } else seen.set(rule.name.toLowerCase(), index);
    rules.push(rule);
  });
  return rules;
}

function validateRule(params: { value: unknown; key: string; sink: ProblemSink }): Rule | undefined {
  const { value, key, sink } = params;
  if (!isRecord(value)) {
    sink.add({ key, message: `\`${key}\` must be a rule (a mapping with \`name\`, \`paths\`, \`approvals\`, ...), not ${describeValue(value)}` });
    return undefined;
  }
  checkKeys({ value, key, allowed: RULE_KEYS, sink });

  const name = readString({ value: value.name, key: `${key}.name`, sink, nullable: false });
  if (isAbsent(value.name)) {
    sink.add({ key, message: `\`${key}\` needs a \`name\`, shown in the check summary` });
  }
  const paths = readStringList({ value: value.paths, key: `${key}.paths`, sink, example: "[GOVERNANCE.md]", normalize: normalizePath });
  const labels = readStringList({ value: value.labels, key: `${key}.labels`, sink, example: "[governance]" });
  const listsValid = (paths !== undefined || isAbsent(value.paths)) && (labels !== undefined || isAbsent(value.labels));
  if (listsValid && (paths ?? []).length === 0 && (labels ?? []).length === 0) {
    sink.add({ key, message: `\`${key}\` matches nothing; give it \`paths\` (files it governs) or \`labels\` (or both)` });
  }
  const approvals = readThreshold({ value: value.approvals, key: `${key}.approvals`, sink });
  const discussionMs = readDuration({ value: value.discussion, key: `${key}.discussion`, sink, positive: false });
  const authorCounts = readBoolean({ value: value.author_counts, key: `${key}.author_counts`, sink });
  const onChange = readOnChange({ value: value.on_change, key: `${key}.on_change`, sink });

  // An invalid `discussion` is reported already; "no discussion" is only claimed when it is really none.
  const noDiscussion = isAbsent(value.discussion) || discussionMs === 0;
  if (approvals?.kind === "lazy-consensus" && noDiscussion) {
    sink.add({
      key: isAbsent(value.discussion) ? `${key}.approvals` : `${key}.discussion`,
      message: `\`${key}\`: lazy consensus needs a discussion period for objections, e.g. \`discussion: 72h\``,
    });
  }
  // A rule with problems is still returned, so duplicate names are found too; any problem fails the config.
  if (name === undefined || name === null) return undefined;
  return {
    name,
    paths: paths ?? [],
    labels: labels ?? [...RULE_DEFAULTS.labels],
    approvals: approvals ?? { ...RULE_DEFAULTS.approvals },
    discussionMs: discussionMs ?? RULE_DEFAULTS.discussionMs,
    authorCounts: authorCounts ?? RULE_DEFAULTS.authorCounts,
    onChange: onChange ?? RULE_DEFAULTS.onChange,
  };
}

function readOnChange(params: { value: unknown; key: string; sink: ProblemSink }): OnChange | undefined {
  const { value, key, sink } = params;
  if (value === null || value === undefined) return undefined;
  const match = ON_CHANGE.find((option) => option === value);
  if (match !== undefined) return match;
  sink.add({ key, message: `\`${key}\` must be one of ${ON_CHANGE.map((option) => `\`${option}\``).join(", ")}, not ${describeValue(value)}` });
  return undefined;
}

/** Changed files are repository-relative (`docs/x.md`), so a leading `/` or `./` would never match. */
function normalizePath(item: string): NormalizedItem {
  const path = item.replace(/^(\.?\/)+/, "");
  if (path === "") return { ok: false, message: `\`${item}\` names no file; write a path like \`GOVERNANCE.md\`` };
  return { ok: true, value: path };
}

/** YAML's empty value (null) counts as leaving the key out. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}
