/** A JSON value folded under a summary: input and context can be long (and are not for every glance). */
export function JsonDetails({
  label,
  value,
  open = false,
}: {
  label: string;
  value: unknown;
  open?: boolean;
}) {
  const text = value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
  return (
    <details className="json-block" open={open}>
      <summary>{label}</summary>
      <pre className="code">{text}</pre>
    </details>
  );
}
