import { useId, useState, type DragEvent } from "react";

/**
 * A drop zone for mouse users and, inside it, an ordinary file input for everyone else: the input
 * is visible, labelled and reachable by keyboard, so dropping is a shortcut, never the only way.
 */
export function FileDrop({ onFile, fileName }: { onFile: (file: File) => void; fileName: string | null }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <div
      className={over ? "drop-zone drop-zone-over" : "drop-zone"}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p className="drop-zone-text">Drop a CSV or .xlsx file here, or</p>
      <label htmlFor={inputId} className="file-label">
        Choose a file to check
      </label>
      <input
        id={inputId}
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = "";
        }}
      />
      {fileName && <p className="drop-zone-file">File: {fileName}</p>}
    </div>
  );
}
