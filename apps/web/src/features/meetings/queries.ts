import { queryOptions } from "@tanstack/react-query";
import type { ActionView, MeetingView, PackView, QuestionView } from "@scrutiny/api";
import { requestJson } from "../../api/client";

export type MeetingDetail = MeetingView & { previous: { id: string; title: string; date: string } | null };
export type ArisingAction = ActionView & { raisedAt: { title: string; date: string } | null };

export const meetingsQuery = () => queryOptions({ queryKey: ["meetings"], queryFn: () => requestJson<MeetingView[]>("GET", "/api/meetings") });
export const meetingQuery = (id: string) => queryOptions({ queryKey: ["meetings", id], queryFn: () => requestJson<MeetingDetail>("GET", `/api/meetings/${id}`) });
/** The issued pack; ask only once the meeting says it was issued (a 404 would log a console error). */
export const packQuery = (id: string) => queryOptions({ queryKey: ["meetings", id, "pack"], queryFn: () => requestJson<PackView>("GET", `/api/meetings/${id}/pack`) });
export const questionsQuery = (meetingId: string) => queryOptions({ queryKey: ["meetings", meetingId, "questions"], queryFn: () => requestJson<QuestionView[]>("GET", `/api/questions?meeting=${meetingId}`) });
export const mattersArisingQuery = (meetingId: string) =>
  queryOptions({ queryKey: ["meetings", meetingId, "matters-arising"], queryFn: async () => (await requestJson<{ actions: ArisingAction[] }>("GET", `/api/meetings/${meetingId}/matters-arising`)).actions });
export const actionsQuery = (filters: { status?: string; owner?: string; overdue?: boolean; meeting?: string; indicator?: string }) =>
  queryOptions({
    queryKey: ["actions", filters],
    queryFn: () => {
      const params = new URLSearchParams();
      if (filters.status) params.set("status", filters.status);
      if (filters.owner) params.set("owner", filters.owner);
      if (filters.overdue) params.set("overdue", "1");
      if (filters.meeting) params.set("meeting", filters.meeting);
      if (filters.indicator) params.set("indicator", filters.indicator);
      return requestJson<ActionView[]>("GET", `/api/actions${params.size ? `?${params}` : ""}`);
    },
  });
