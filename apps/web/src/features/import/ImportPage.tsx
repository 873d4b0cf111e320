import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { IndicatorFilePreview, IndicatorImportResult } from "@scrutiny/api";
import { client, unwrap } from "../../api/client";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { FileDrop } from "./FileDrop";
import { unwrapSuccess } from "./unwrapSuccess";
import { ImportHistory } from "./ImportHistory";
import { PreviewTable } from "./PreviewTable";
import { sessionQuery } from "../../api/queries";
import { changeCounts, plural } from "./importText";
import "./import.css";
import { useDeployment } from "../../app/deployment";

/**
 * The scrutiny officer's monthly import: drop the force's file, see every problem in place (nothing
 * is written), confirm, and keep the history with a way back. The same checks run in the CLI.
 */
export function ImportPage() {
  const deployment = useDeployment();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  // The import is recorded under the signed-in user's name (the local user's in local mode).
  const session = useQuery(sessionQuery());

  const preview = useMutation({
    mutationFn: async (f: File) => unwrap(await client.api.imports.preview.$post({ form: { file: f } })),
  });
  const confirm = useMutation({
    mutationFn: async (f: File) => unwrapSuccess(await client.api.imports.$post({ form: { file: f } })),
    onSuccess: () => {
      preview.reset();
      setFile(null);
      // Every view of the figures may have changed.
      void queryClient.invalidateQueries();
    },
  });

  const choose = (f: File) => {
    setFile(f);
    confirm.reset();
    preview.mutate(f);
  };

  return (
    <>
      <h1>Import the force's monthly figures</h1>
      <p className="lede">
        Drop the performance team's indicator file (CSV or Excel .xlsx). Every row is checked and compared with the figures held;
        nothing is written until you confirm, and a file with any problem changes nothing. Changed figures are kept as revisions,
        and an import can be rolled back.
      </p>
      <section aria-labelledby="template-heading" className="import-step">
        <h2 id="template-heading">1. Start from the template</h2>
        <p>
          One row per indicator, area and month, prefilled with the catalogue and the areas of {deployment.name} (the force and its districts) for last month:{" "}
          <a href="/api/imports/template.xlsx" download>
            Excel template (.xlsx)
          </a>{" "}
          or{" "}
          <a href="/api/imports/template.csv" download>
            CSV template
          </a>
          . Leave a row's figures blank if they are not available: such rows are skipped.
        </p>
        <FormatNotes />
      </section>

      <section aria-labelledby="file-heading" className="import-step">
        <h2 id="file-heading">2. Check the file</h2>
        <FileDrop onFile={choose} fileName={file?.name ?? null} />
        {preview.isPending && <Loading what="the preview" />}
        {preview.isError && <ErrorMessage error={preview.error} />}
      </section>

      {preview.data && file && (
        <section aria-labelledby="preview-heading" className="import-step">
          <h2 id="preview-heading">3. Preview and confirm</h2>
          <PreviewSummary preview={preview.data} />
          {preview.data.rows.length > 0 && <PreviewTable preview={preview.data} />}
          {preview.data.status === "ready" && (
            <div className="confirm-bar">
              {session.data?.user && <p className="recorded-as">Recorded as {session.data.user.name}</p>}
              <button type="button" className="btn button-primary" disabled={confirm.isPending} onClick={() => confirm.mutate(file)}>
                {confirm.isPending ? "Importing…" : `Import ${plural(preview.data.counts.created + preview.data.counts.revised, "change")}`}
              </button>
              <button type="button" className="btn" onClick={() => (preview.reset(), setFile(null))}>
                Cancel
              </button>
            </div>
          )}
          {confirm.isError && <ErrorMessage error={confirm.error} />}
        </section>
      )}

      {confirm.data && <ImportOutcome result={confirm.data} />}

      <section aria-labelledby="history-heading" className="import-step">
        <h2 id="history-heading">Import history</h2>
        <ImportHistory />
      </section>
    </>
  );
}

function PreviewSummary({ preview }: { preview: IndicatorFilePreview }) {
  const read = `${preview.file}: ${plural(preview.rowsRead, "row")} read${preview.blankRows ? ` (${plural(preview.blankRows, "row")} with no figure skipped)` : ""}.`;
  switch (preview.status) {
    case "invalid":
      return (
        <div className="preview-summary preview-invalid" role="alert" data-testid="preview-summary">
          <p>
            <strong>
              {read} {plural(preview.problemTotal, "problem")}: nothing can be imported until {preview.problemTotal === 1 ? "it is" : "they are"} fixed.
            </strong>
          </p>
          <ol className="problem-list">
            {preview.problems.map((p, i) => (
              <li key={i}>
                {p.line !== undefined ? <a href={`#line-${p.line}`}>Line {p.line}</a> : "The file"}
                {p.column ? `, column ${p.column}` : ""}
                {p.value !== undefined ? (
                  <>
                    , value <code>{p.value === "" ? "(empty)" : p.value}</code>
                  </>
                ) : null}
                : {p.message}
              </li>
            ))}
          </ol>
          {preview.problemTotal > preview.problems.length && <p>… and {preview.problemTotal - preview.problems.length} more.</p>}
        </div>
      );
    case "already imported":
      return (
        <p className="preview-summary" role="status" data-testid="preview-summary">
          {read} This exact file was already imported on {new Date(preview.alreadyImported?.importedAt ?? "").toLocaleString("en-GB")}
          {preview.alreadyImported?.importedBy ? ` by ${preview.alreadyImported.importedBy}` : ""}: importing it again changes nothing.
        </p>
      );
    case "no changes":
      return (
        <p className="preview-summary" role="status" data-testid="preview-summary">
          {read} Every figure in it is already held: importing it changes nothing.
        </p>
      );
    case "ready":
      return (
        <p className="preview-summary preview-ready" role="status" data-testid="preview-summary">
          {read} No problems found. Importing it will record {changeCounts(preview.counts)}.
        </p>
      );
  }
}

function ImportOutcome({ result }: { result: IndicatorImportResult }) {
  return (
    <p className="import-outcome" role="status" data-testid="import-outcome">
      {result.status === "imported" ? (
        <>
          Imported {result.file}: {changeCounts(result.counts)}, recorded as by {result.importedBy}.{" "}
          {result.batchId && <Link to={`/import/${encodeURIComponent(result.batchId)}`}>See what changed</Link>}
        </>
      ) : (
        <>Nothing changed: {result.notes.join("; ")}.</>
      )}
    </p>
  );
}

function FormatNotes() {
  return (
    <details className="format-notes">
      <summary>The file format</summary>
      <p>A header row, then one row per indicator, area and month. Columns (any order; names are not case-sensitive):</p>
      <dl>
        <dt>indicator</dt>
        <dd>the indicator id from the catalogue, e.g. da-incidents (required)</dd>
        <dt>area</dt>
        <dd>an ONS code (E23000028, E07000066) or a district name (Basildon) (required)</dd>
        <dt>month</dt>
        <dd>YYYY-MM text, e.g. 2025-11; in Excel, format the column as Text (required)</dd>
        <dt>value</dt>
        <dd>a count (whole, not negative), a percentage 0–100, minutes, a rate or pounds (required)</dd>
        <dt>numerator, denominator</dt>
        <dd>for percentages and rates: both or neither; the numerator is not above the denominator</dd>
        <dt>survey_n</dt>
        <dd>for survey measures, the number surveyed</dd>
        <dt>status</dt>
        <dd>provisional or final</dd>
        <dt>note</dt>
        <dd>free text, at most 500 characters</dd>
      </dl>
      <p>UTF-8 CSV (Excel: Save As "CSV UTF-8") or .xlsx, at most 20 MB. The full description is docs/indicator-file-format.md.</p>
    </details>
  );
}
