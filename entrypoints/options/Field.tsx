/** A labelled input with its help and its problems, wired for screen readers. */
import type { JSX } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  help?: string;
  problems?: string[];
  children: (aria: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true' }) => JSX.Element;
}

export function Field({ id, label, help, problems = [], children }: FieldProps) {
  const helpId = help ? `${id}-help` : undefined;
  const errorId = problems.length > 0 ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="vo-field">
      <label class="vo-field__label" for={id}>
        {label}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(problems.length > 0 ? { 'aria-invalid': 'true' as const } : {}),
      })}
      {help ? (
        <p class="vo-field__help" id={helpId}>
          {help}
        </p>
      ) : null}
      {errorId ? (
        <ul class="vo-field__error" id={errorId} data-error-for={id}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A polite live region for "Saved." and similar results. */
export function StatusLine({ id, text, tone }: { id: string; text?: string; tone?: 'ok' | 'error' }) {
  return (
    <p class={`vo-status${tone ? ` vo-status--${tone}` : ''}`} role="status" aria-live="polite" data-status-for={id}>
      {text ?? ''}
    </p>
  );
}
