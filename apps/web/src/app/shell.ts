/**
 * The parts of the page frame that need no data: the main navigation and the footer. Layout renders
 * them, and the build writes the same frame as static HTML into index.html (apps/web/shell.ts), so a
 * first visit paints the header before any script has run and nothing moves when React takes over.
 */
export interface NavItem {
  to: string;
  label: string;
  /** The area and reporting month travel with the link (issue 9). */
  keep: boolean;
  /** Marked current only on this exact path. */
  end?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/", label: "Overview", keep: true, end: true },
  { to: "/msg", label: "Most similar forces", keep: true },
  { to: "/forces", label: "All forces", keep: true },
  { to: "/crime-tree", label: "Crime Tree", keep: true },
  { to: "/districts", label: "Districts", keep: true },
  { to: "/meetings", label: "Meetings", keep: false },
  { to: "/actions", label: "Actions", keep: false },
  { to: "/status", label: "Data status", keep: false },
  { to: "/import", label: "Import", keep: false },
];

/** The footer's sentence, around the words set in italics. */
export const FOOTER_TEXT = {
  before:
    "Contains public sector information licensed under the Open Government Licence v3.0 (data.police.uk, Office for National Statistics, Home Office). Series marked ",
  emphasised: "Sample data",
  after: " are synthetic.",
} as const;
