import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiError, requestJson } from "../../api/client";
import { useHasRole } from "../../app/useRole";

interface Problem {
  line?: number;
  column?: string;
  value?: string;
  message: string;
}

/**
 * Admins only (issue 12): import the published Most Similar Group list as CSV (Force, Member 1, …)
 * from a month. All or nothing: each problem is listed with its line and column.
 */
export function MsgListImport() {
  const isAdmin = useHasRole("admin");
  const id = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [validFrom, setValidFrom] = useState("");
  const [source, setSource] = useState("");
  const mutation = useMutation({
    mutationFn: async () => requestJson<{ sentence: string }>("POST", "/api/comparison-groups/import", { csv: await file!.text(), fileName: file!.name, validFrom, source }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  if (!isAdmin) return null;
  const problems = mutation.error instanceof ApiError ? ((mutation.error.body as { problems?: Problem[] }).problems ?? []) : [];
  return (
    <details className="msg-import" data-testid="msg-import">
      <summary>Import the published MSG list (CSV, admins)</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file && validFrom && source) mutation.mutate();
        }}
      >
        <p className="note">One row per force: Force, Member 1, Member 2, … (names or ONS codes). Each force&apos;s current group ends the month before and is kept.</p>
        <label className="field" htmlFor={`${id}-file`}>
          <span>CSV file</span>
          <input id={`${id}-file`} type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="field" htmlFor={`${id}-from`}>
          <span>Valid from (month)</span>
          <input id={`${id}-from`} type="month" required value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-source`}>
          <span>Source</span>
          <input id={`${id}-source`} type="text" required maxLength={300} value={source} onChange={(e) => setSource(e.target.value)} />
        </label>
        <button type="submit" disabled={mutation.isPending}>
          Import
        </button>
      </form>
      {mutation.data && (
        <p className="status" role="status" data-testid="msg-import-result">
          {mutation.data.sentence}
        </p>
      )}
      {mutation.error && (
        <div className="status status-error" role="alert" data-testid="msg-import-error">
          <p>{mutation.error.message}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  {p.line !== undefined ? `Line ${p.line}` : ""}
                  {p.column ? `, column "${p.column}"` : ""}: {p.message}
                  {p.value ? ` ("${p.value}")` : ""}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}
