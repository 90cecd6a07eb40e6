interface SpinnerProps {
  /** Read by screen readers; the animation itself is decorative. */
  label?: string;
  size?: 'small' | 'medium';
}

export function Spinner({ label = 'Loading…', size = 'medium' }: SpinnerProps) {
  return (
    <span role="status" className="spinner-wrap">
      <span className={`spinner spinner--${size}`} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** Centred spinner for a whole page or route that is still loading. */
export function PageSpinner({ label }: { label?: string }) {
  return (
    <div className="page-center">
      <Spinner label={label} />
    </div>
  );
}
