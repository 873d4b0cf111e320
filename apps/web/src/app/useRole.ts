import { useQuery } from "@tanstack/react-query";
import { sessionQuery } from "../api/queries";

type Role = "public" | "member" | "analyst" | "admin";
const RANK: Record<Role, number> = { public: 0, member: 1, analyst: 2, admin: 3 };

/**
 * Whether the signed-in user (the local user in local mode: every right) has at least `role`, so a
 * control the server would refuse is not offered. The server decides; this only hides.
 */
export function useHasRole(role: Role): boolean {
  const session = useQuery(sessionQuery());
  const current = session.data?.role as Role | undefined;
  return current !== undefined && RANK[current] >= RANK[role];
}
