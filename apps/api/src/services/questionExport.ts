import type { Paragraph } from "docx";
import { formatDate, formatMonth } from "@scrutiny/domain";
import { csvStringifier } from "@scrutiny/ingest";
import type { MeetingView, QuestionView } from "./meetings";

/** The accepted questions as the force receives them: CSV, Markdown and a Word document (written by the docx library). */
type ExportData = { meeting: MeetingView; questions: (QuestionView & { indicatorName: string | null })[] };

const heading = (m: MeetingView) => `Questions for the ${m.kind} meeting of ${formatDate(m.date)}`;
const subheading = (m: MeetingView) => `${m.title}. Reporting month ${formatMonth(m.month)}; papers due ${formatDate(m.papersDue)}.`;

export function questionsCsv({ questions }: ExportData): string {
  return csvStringifier().stringify(
    questions.map((q, i) => [i + 1, q.text, q.indicatorName ?? "", q.owner ?? "", q.status, q.sentOn ?? "", q.answerDue ?? "", q.answer ?? ""]),
    { header: true, columns: ["Number", "Question", "Indicator", "Owner", "Status", "Sent", "Answer due", "Answer"], record_delimiter: "\n" },
  );
}

export function questionsMarkdown({ meeting, questions }: ExportData): string {
  const lines = [`# ${heading(meeting)}`, "", subheading(meeting), ""];
  questions.forEach((q, i) => {
    lines.push(`${i + 1}. ${q.text}`);
    const meta = [q.indicatorName && `Indicator: ${q.indicatorName}`, q.owner && `Owner: ${q.owner}`, q.answerDue && `Answer due ${formatDate(q.answerDue)}`].filter(Boolean).join(" · ");
    if (meta) lines.push(`   ${meta}`);
    if (q.answer) lines.push(`   Answer: ${q.answer}`);
  });
  if (questions.length === 0) lines.push("No questions have been accepted yet.");
  return `${lines.join("\n")}\n`;
}

/** docx (about 0.1 s to load) is loaded when a Word document is first asked for, not at start-up (apps/api/src/startupImports.test.ts). */
export async function questionsDocx({ meeting, questions }: ExportData): Promise<Buffer> {
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } = await import("docx");
  const children: Paragraph[] = [new Paragraph({ text: heading(meeting), heading: HeadingLevel.HEADING_1 }), new Paragraph({ text: subheading(meeting) })];
  questions.forEach((q, i) => {
    children.push(new Paragraph({ children: [new TextRun({ text: `${i + 1}. `, bold: true }), new TextRun(q.text)], spacing: { before: 240 } }));
    const meta = [q.indicatorName && `Indicator: ${q.indicatorName}`, q.owner && `Owner: ${q.owner}`, q.answerDue && `Answer due ${formatDate(q.answerDue)}`].filter(Boolean).join(" · ");
    if (meta) children.push(new Paragraph({ children: [new TextRun({ text: meta, italics: true, size: 20 })] }));
    if (q.answer) children.push(new Paragraph({ text: `Answer: ${q.answer}` }));
  });
  if (questions.length === 0) children.push(new Paragraph({ text: "No questions have been accepted yet.", alignment: AlignmentType.LEFT }));
  const doc = new Document({ creator: "Scrutiny", title: heading(meeting), sections: [{ children }] });
  return Packer.toBuffer(doc);
}
