import { priorityOrder } from "./indicators";

/**
 * The monthly meeting cycle in the words of the minutes: meetings review a reporting month, the
 * papers are due a week before, actions carry references such as "89/14" (the 89th action of
 * 2014) and open the next meeting as matters arising. Pure functions only.
 */
export const MEETING_KINDS = ["performance scrutiny", "joint performance and resources"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const ACTION_STATUSES = ["open", "complete", "carried forward", "closed"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const QUESTION_STATUSES = ["draft", "accepted", "dismissed", "sent", "answered"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** The vocabulary OPCCs use in their public performance reports. */
export const ASSURANCE_GRADES = ["assured", "partly assured", "not assured"] as const;
export type AssuranceGradeName = (typeof ASSURANCE_GRADES)[number];

export const EXCEPTION_KINDS = ["special cause", "significant change", "MSG difference", "district beyond funnel limit", "late or missing"] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** "89/14": the action's number in its year, and the year's last two digits. */
export function actionReference(number: number, year: number): string {
  return `${number}/${String(year % 100).padStart(2, "0")}`;
}

/** "89/14" → { number: 89, year: 2014 }; null for anything else (two-digit years are 2000–2099). */
export function parseActionReference(text: string): { number: number; year: number } | null {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const number = Number(match[1]);
  if (number < 1) return null;
  return { number, year: 2000 + Number(match[2]) };
}

/** The people an owner names: "SH/LW" and "SH & LW" are SH and LW; case and spacing ignored. */
export function ownerParts(owner: string): string[] {
  const parts: string[] = [];
  for (const part of owner.split(/[/&,]/).slice(0, 20)) {
    const p = part.trim().replace(/\s+/g, " ").toUpperCase();
    if (p) parts.push(p);
  }
  return parts;
}

/** An account's names as an owner may write them: its email and the initials of its local part ("william.kirk@…" → "WK"). */
export function ownerNamesOfEmail(email: string): string[] {
  const local = email.split("@")[0] ?? "";
  const initials = local
    .split(/[._-]+/)
    .filter((w) => /^[a-z]/i.test(w))
    .map((w) => w[0]!.toUpperCase())
    .join("");
  return [email.trim().toUpperCase(), ...(initials.length >= 2 ? [initials] : [])];
}

/**
 * The parts of an owner that are not known (docs/decisions/109b-known-owners.md): known are the
 * people already named on the action log or a question, and the office's accounts.
 */
export function unknownOwnerParts(owner: string, known: ReadonlySet<string>): string[] {
  return ownerParts(owner).filter((p) => !known.has(p));
}

/** A real calendar date written YYYY-MM-DD (not 2025-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Papers reach the OPCC a week before the meeting. */
export function defaultPapersDue(meetingDate: string): string {
  return addDays(meetingDate, -7);
}

/** Whole days from `today` to `date` (negative once past). */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** An open or carried-forward action whose due date has passed. */
export function isOverdue(action: { status: string; dueDate: string | null }, today: string): boolean {
  return (action.status === "open" || action.status === "carried forward") && action.dueDate !== null && action.dueDate < today;
}

/** "12 March 2026" */
export function formatDate(date: string): string {
  const names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${Number(date.slice(8, 10))} ${names[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** What a drafted question is built from: the signal in plain words. */
export type QuestionSignal =
  | {
      kind: "significant change";
      /** "The domestic abuse solved rate" */
      subject: string;
      /** "fell 6.9 percentage points" */
      change: string;
      /** "against the same period last year" */
      against: string;
      movement: "rise" | "fall";
      /** Whether the movement is the wrong way for the indicator. */
      worse: boolean;
    }
  | { kind: "special cause"; subject: string; month: string; rules: string }
  | { kind: "MSG difference"; subject: string; higherOrLower: "higher" | "lower"; averageLabel: string; position: string }
  | { kind: "district beyond funnel limit"; subject: string; districts: readonly string[]; month: string; higherOrLower: "higher" | "lower" }
  | { kind: "late or missing"; subject: string; sender: string; months: readonly string[] };

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * A question the scrutiny officer can put to the force as it stands, drafted from the signal:
 * what the figures show, that it is more than chance, then what is driving it and what is the plan.
 */
export function draftQuestion(signal: QuestionSignal): string {
  switch (signal.kind) {
    case "significant change":
      return `${signal.subject} ${signal.change} ${signal.against}, more than chance would explain: what is driving the ${signal.movement}, and what is the plan to ${
        signal.worse ? (signal.movement === "fall" ? "recover it" : "bring it back down") : "sustain it"
      }?`;
    case "special cause":
      return `${signal.subject} in ${signal.month} is outside what its own recent months would predict (${signal.rules}): what has changed, and is it expected to last?`;
    case "MSG difference":
      return `${signal.subject} is ${signal.higherOrLower} than the ${signal.averageLabel} (${signal.position}), more than chance would explain: what explains the gap, and what are the better-placed forces doing differently?`;
    case "district beyond funnel limit":
      return `${listWords(signal.districts)} ${signal.districts.length === 1 ? "is" : "are"} ${signal.higherOrLower === "higher" ? "above" : "below"} the 99.8% funnel limit for ${signal.subject} in ${signal.month}: what is different there, and what is being done about it locally?`;
    case "late or missing":
      return `${signal.subject}: ${signal.sender} has not sent ${listWords(signal.months)}. When will the figures arrive, and will the months already reported be revised?`;
  }
}

/** The pack's order: Police and Crime Plan priority first, then the most severe, then by name. */
export function comparePackItems(a: { priority: string; severity: number; name: string }, b: { priority: string; severity: number; name: string }): number {
  return priorityOrder(a.priority) - priorityOrder(b.priority) || b.severity - a.severity || a.name.localeCompare(b.name);
}

/** The first letter upper case: "domestic abuse solved rate" → "Domestic abuse solved rate". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
