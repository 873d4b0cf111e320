import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { MsgResponse } from "./index";

/** Issue 12: Most Similar Groups as data — dated, changed by an admin, imported from the published list as CSV, all or nothing, audited. */
const ESSEX = "E23000028";
const DURHAM = "E23000008";
const api = apiOnDefaultDataset();
const { get } = api;

const post = (path: string, body: unknown) =>
  api.app.request(path, { method: "POST", headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1" }, body: JSON.stringify(body) });

type Group = { id: string; name: string; valid_from: string; valid_to: string | null; source: string; members: string[] };

describe("/api/comparison-groups/import", () => {
  it("refuses a list with an unknown force, naming its line and column, and changes nothing", async () => {
    const before = (await get<Group[]>(`/api/comparison-groups?force=${ESSEX}`)).body;
    const csv = "Force,Member 1,Member 2\nEssex,Kent,Sussex\nDurham,Cleveland,Northumbrai\n";
    const response = await post("/api/comparison-groups/import", { csv, fileName: "msg.csv", validFrom: "2026-01", source: "HMICFRS MSG list 2026" });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { problems: { line: number; column: string; value: string; message: string }[] };
    expect(body.problems).toEqual([{ file: "msg.csv", line: 3, column: "Member 2", value: "Northumbrai", message: "not a force area in England and Wales" }]);
    expect((await get<Group[]>(`/api/comparison-groups?force=${ESSEX}`)).body).toEqual(before);
  });

  it("imports the published list from a month: each force's current group ends the month before and is kept; the comparisons name the group valid at their month", async () => {
    const csv = "Force,Member 1,Member 2,Member 3\nEssex,Kent,Sussex,Hampshire\nDurham,Cleveland,Northumbria,\n";
    const response = await post("/api/comparison-groups/import", { csv, fileName: "msg.csv", validFrom: "2026-01", source: "HMICFRS MSG list 2026" });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { imported: number; sentence: string }).sentence).toBe("2 Most Similar Groups imported, valid from Jan 2026.");
    const essex = (await get<Group[]>(`/api/comparison-groups?force=${ESSEX}`)).body;
    expect(essex.map((g) => [g.valid_from, g.valid_to])).toEqual([
      ["2013-10", "2025-12"],
      ["2026-01", null],
    ]);
    const codes = (names: string[]) => names.map((n) => api.handle.db.selectFrom("areas").select("code").where("name", "=", n).executeTakeFirstOrThrow().then((r) => r.code));
    expect(essex[1]!.members).toEqual((await Promise.all(codes(["Essex", "Kent", "Sussex", "Hampshire"]))).sort());
    expect(essex[1]!.source).toBe("HMICFRS MSG list 2026");
    const durham = (await get<Group[]>(`/api/comparison-groups?force=${DURHAM}`)).body;
    expect(durham.at(-1)!.members).toEqual((await Promise.all(codes(["Durham", "Cleveland", "Northumbria"]))).sort());

    // Dec 2025 is still compared with the group valid then, and says so.
    const msg = await get<MsgResponse>(`/api/compare/msg?indicator=police-uk-burglary&month=2025-12&force=${ESSEX}`);
    expect(msg.body.group).toMatchObject({ name: "Essex Most Similar Group", validFrom: "2013-10", validTo: "2025-12" });

    const audit = await api.handle.db.selectFrom("audit_log").selectAll().where("action", "=", "comparison-group.import").execute();
    expect(audit.map((a) => a.subject).sort()).toEqual([`${DURHAM}-msg-2026-01`, `${ESSEX}-msg-2026-01`]);
  });

  it("lets an admin start a membership by hand, and refuses a district as a member", async () => {
    const district = await post("/api/comparison-groups", { force: ESSEX, validFrom: "2026-06", members: ["E07000066"], source: "x" });
    expect(district.status).toBe(400);
    const created = await post("/api/comparison-groups", { force: ESSEX, validFrom: "2026-06", members: [DURHAM], source: "Minutes 12/26" });
    expect(created.status).toBe(201);
    const essex = (await get<Group[]>(`/api/comparison-groups?force=${ESSEX}`)).body;
    expect(essex.map((g) => [g.valid_from, g.valid_to])).toEqual([
      ["2013-10", "2025-12"],
      ["2026-01", "2026-05"],
      ["2026-06", null],
    ]);
    expect(essex[2]!.members).toEqual([DURHAM, ESSEX].sort());
  });
});
