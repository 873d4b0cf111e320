/** Every series says where it comes from; the synthetic sample is impossible to mistake for real data. */
export function SourceBadge({ source, isSample }: { source: string; isSample: boolean }) {
  return (
    <span className={isSample ? "badge badge-sample" : "badge"} title={isSample ? "Synthetic figures shipped until the force imports its own" : `Source: ${source}`}>
      {isSample ? "Sample data" : source}
    </span>
  );
}
