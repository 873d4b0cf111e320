/** The end of a form: its submit button and, after a refused save, the reason (announced). */
export function FormFooter({ label, pending = false, error }: { label: string; pending?: boolean; error: string | null }) {
  return (
    <>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {label}
        </button>
      </div>
      {error && (
        <p className="status status-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
