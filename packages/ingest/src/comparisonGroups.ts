import { ESSEX_FORCE_CODE, FORCES } from "@scrutiny/domain";
import type { ComparisonGroupWithMembers } from "@scrutiny/db";
import { readCsv } from "./csv";
import { ImportRejected, ProblemList } from "./errors";

const code = (name: string) => {
  const force = FORCES.find((f) => f.name === name);
  if (!force) throw new Error(`Unknown force "${name}" in a comparison group`);
  return force.code;
};

/**
 * Most Similar Groups as published, dated. Membership changes over time, so it is data with a
 * validity period and a source; the force itself is a member of its own group.
 */
export const MOST_SIMILAR_GROUPS: readonly ComparisonGroupWithMembers[] = [
  {
    id: "essex-msg-2013",
    force_code: ESSEX_FORCE_CODE,
    name: "Essex Most Similar Group",
    valid_from: "2013-10",
    valid_to: null,
    source: "Essex Police Monthly Performance Report, January 2014 (HMIC MSG as published 2013/14)",
    members: [ESSEX_FORCE_CODE, ...["Avon and Somerset", "Derbyshire", "Hampshire", "Hertfordshire", "Leicestershire", "Staffordshire", "Sussex"].map(code)].sort(),
  },
];

/** At most this many forces (rows) in an MSG list: there are 43 force areas in England and Wales. */
const MAX_MSG_ROWS = 60;
const MAX_MSG_MEMBERS = 12;

/**
 * The published Most Similar Group list as CSV (issue 12): a header `Force, Member 1, Member 2, …`
 * and one row per force naming the forces most similar to it, by name or ONS code. All or nothing:
 * every problem is collected with its line and column, and none is imported if any is found. Each
 * force's group includes the force itself, as the comparison needs.
 */
export function parseMsgList(
  bytes: Uint8Array,
  options: { fileName: string; validFrom: string; source: string },
): ComparisonGroupWithMembers[] {
  const problems = new ProblemList(options.fileName);
  const table = readCsv(bytes, problems);
  if (!table) throw new ImportRejected(problems.problems);
  const header = table.header.map((h) => h.trim());
  if (!/^force$/i.test(header[0] ?? "")) problems.add({ line: 1, column: header[0] ?? "", message: 'the first column must be "Force"' });
  if (header.length < 2) problems.add({ line: 1, message: "give at least one member column (Member 1, Member 2, …)" });
  if (table.records.length === 0) problems.add({ line: 2, message: "the file lists no force" });
  if (table.records.length > MAX_MSG_ROWS) problems.add({ line: table.records[MAX_MSG_ROWS]!.line, message: `at most ${MAX_MSG_ROWS} forces` });
  const find = (text: string) => FORCES.find((f) => f.code === text || f.name.toLowerCase() === text.toLowerCase());
  const groups: ComparisonGroupWithMembers[] = [];
  const seen = new Set<string>();
  for (const record of table.records.slice(0, MAX_MSG_ROWS)) {
    const [forceText = "", ...memberTexts] = record.fields.map((f) => f.trim());
    const force = find(forceText);
    if (!force) {
      problems.add({ line: record.line, column: header[0] ?? "Force", value: forceText, message: "not a force area in England and Wales" });
      continue;
    }
    if (seen.has(force.code)) problems.add({ line: record.line, column: header[0] ?? "Force", value: forceText, message: "this force is listed twice" });
    seen.add(force.code);
    const members = new Set([force.code]);
    memberTexts.slice(0, MAX_MSG_MEMBERS).forEach((text, i) => {
      if (text === "") return;
      const member = find(text);
      if (!member) problems.add({ line: record.line, column: header[i + 1] ?? `column ${i + 2}`, value: text, message: "not a force area in England and Wales" });
      else members.add(member.code);
    });
    if (memberTexts.length > MAX_MSG_MEMBERS) problems.add({ line: record.line, message: `at most ${MAX_MSG_MEMBERS} members` });
    if (members.size < 2) problems.add({ line: record.line, message: "a most similar group needs at least one other force" });
    groups.push({
      id: `${force.code}-msg-${options.validFrom}`,
      force_code: force.code,
      name: `${force.name} Most Similar Group`,
      valid_from: options.validFrom,
      valid_to: null,
      source: options.source,
      members: [...members].sort(),
    });
  }
  if (!problems.isEmpty) throw new ImportRejected(problems.problems);
  return groups;
}
