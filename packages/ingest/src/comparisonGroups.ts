import { ESSEX_FORCE_CODE, FORCES } from "@scrutiny/domain";
import type { ComparisonGroupWithMembers } from "@scrutiny/db";

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
