import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrap, ApiError } from "../../api/client";

/**
 * A small form for an analyst to add a dated note or a series break to the indicator (for this
 * area, or every area). A break makes comparisons across it "not comparable" and rebases SPC.
 */
export function AnnotationForm({ indicator, area, areaName, defaultMonth }: { indicator: string; area: string; areaName: string; defaultMonth: string }) {
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(defaultMonth);
  const [kind, setKind] = useState<"note" | "break">("note");
  const [text, setText] = useState("");
  const [source, setSource] = useState("");
  const [allAreas, setAllAreas] = useState(false);
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await client.api.annotations.$post(
          { json: { indicator, area: allAreas ? null : area, month, kind, text, source } },
          { headers: { "X-Scrutiny-Csrf": "1" } },
        ),
      ),
    onSuccess: async () => {
      setText("");
      setSource("");
      await queryClient.invalidateQueries({ queryKey: ["series"] });
      await queryClient.invalidateQueries({ queryKey: ["overview"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <section aria-labelledby="annotate-heading" className="annotate">
      <details>
        <summary>
          <h2 id="annotate-heading">Add a note or a series break</h2>
        </summary>
        <form onSubmit={submit} className="annotate-form">
          <label>
            Month (first month counted the new way, for a break)
            <input type="month" value={month} required onChange={(e) => setMonth(e.target.value)} />
          </label>
          <fieldset>
            <legend>Kind</legend>
            <label>
              <input type="radio" name="kind" value="note" checked={kind === "note"} onChange={() => setKind("note")} /> Note
            </label>
            <label>
              <input type="radio" name="kind" value="break" checked={kind === "break"} onChange={() => setKind("break")} /> Break (counting-rule change, reclassification, new records system)
            </label>
          </fieldset>
          <label>
            What happened
            <textarea value={text} required minLength={3} maxLength={1000} rows={2} onChange={(e) => setText(e.target.value)} />
          </label>
          <label>
            Source
            <input type="text" value={source} required minLength={2} maxLength={500} onChange={(e) => setSource(e.target.value)} />
          </label>
          <label>
            <input type="checkbox" checked={allAreas} onChange={(e) => setAllAreas(e.target.checked)} /> Applies to every area, not only {areaName}
          </label>
          <button type="submit" disabled={add.isPending}>
            Add
          </button>
          <p role="status" className="status">
            {add.isSuccess ? "Added." : add.isError ? `Not added: ${add.error instanceof ApiError ? add.error.body.message : String(add.error)}` : ""}
          </p>
        </form>
      </details>
    </section>
  );
}
