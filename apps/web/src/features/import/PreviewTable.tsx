import type { IndicatorFilePreview, PreviewRow } from "@scrutiny/api";
import { figure, plural } from "./importText";

/**
 * The file as written, with each problem shown in the cell it is about (and the row marked), and
 * what each good row would do: add a new value, revise a held one (old → new), or nothing.
 */
export function PreviewTable({ preview }: { preview: IndicatorFilePreview }) {
  const valueColumn = preview.header.findIndex((h) => h.trim().toLowerCase() === "value");
  return (
    <>
      {preview.rowsOmitted > 0 && (
        <p className="status">
          Showing {plural(preview.rows.length, "row")} of {preview.rowsRead.toLocaleString("en-GB")}: every row with a problem, the revisions, and the first rows.
        </p>
      )}
      <div className="table-scroll preview-scroll">
        <table className="preview-table" data-testid="preview-table">
          <caption className="visually-hidden">Rows of {preview.file} with their problems and changes</caption>
          <thead>
            <tr>
              <th scope="col" className="num">Line</th>
              {preview.header.map((h, i) => (
                <th scope="col" key={i}>
                  {h}
                </th>
              ))}
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <PreviewTableRow key={row.line} row={row} header={preview.header} valueColumn={valueColumn} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function PreviewTableRow({ row, header, valueColumn }: { row: PreviewRow; header: string[]; valueColumn: number }) {
  const rowProblems = row.problems.filter((p) => !header.includes(p.column));
  return (
    <tr id={`line-${row.line}`} data-line={row.line} className={row.problems.length > 0 ? "row-error" : row.change === "revised" ? "row-revised" : undefined}>
      <th scope="row" className="num">
        {row.line}
      </th>
      {header.map((column, i) => {
        const problems = row.problems.filter((p) => p.column === column);
        return (
          <td key={i} data-column={column} className={problems.length ? "cell-error" : undefined} aria-invalid={problems.length ? true : undefined}>
            <span className="cell-value">{row.cells[i] === "" && problems.length ? "(empty)" : row.cells[i]}</span>
            {problems.map((p, j) => (
              <span key={j} className="cell-message">
                {p.message}
              </span>
            ))}
          </td>
        );
      })}
      <td data-column="change" className="change-cell">
        {rowProblems.map((p, j) => (
          <span key={j} className="cell-message">
            {p.message}
          </span>
        ))}
        {row.change === "created" && <span className="change change-created">new</span>}
        {row.change === "unchanged" && <span className="change">unchanged</span>}
        {row.change === "revised" && (
          <span className="change change-revised">
            revised: <del>{figure(row.previous?.value)}</del> → <ins>{valueColumn >= 0 ? row.cells[valueColumn] : ""}</ins>
            {row.previous && row.previous.status !== null && ` (was ${row.previous.status})`}
          </span>
        )}
      </td>
    </tr>
  );
}
