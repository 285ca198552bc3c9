/**
 * The side panel's INSZ field: accepts formatted input (`85.07.30-033.28`),
 * checks it with parseInsz and says exactly what is wrong. Only a valid,
 * normalised number is handed to `onLookup`: an invalid INSZ never leaves
 * the page.
 */
import { useState } from 'preact/hooks';
import { formatInsz, normalizeInsz, parseInsz, type InszError } from '../lib/identifiers/insz.ts';
import { inszErrorKey } from '../lib/i18n/strings/ui.ts';
import { useStrings } from './i18n.tsx';

export interface InszFieldProps {
  onLookup: (insz: string) => void;
  onClear?: () => void;
  /** The typed number was refused (nothing is sent): whatever was shown for an earlier number should go. */
  onInvalid?: () => void;
  /** Injected for tests; defaults to now. */
  today?: () => Date;
}

export function InszField(props: InszFieldProps) {
  const { t } = useStrings();
  const [value, setValue] = useState('');
  const [error, setError] = useState<{ reason: InszError; length: number } | undefined>(undefined);

  const check = (input: string): string | undefined => {
    const result = parseInsz(input, props.today?.() ?? new Date());
    if (result.ok) {
      setError(undefined);
      return result.value.insz;
    }
    setError({ reason: result.reason, length: normalizeInsz(input).length });
    return undefined;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const insz = check(value);
    if (insz === undefined) {
      props.onInvalid?.();
      return;
    }
    setValue(formatInsz(insz));
    props.onLookup(insz);
  };

  const onClear = () => {
    setValue('');
    setError(undefined);
    props.onClear?.();
  };

  return (
    <form class="vc-insz" onSubmit={onSubmit} noValidate data-insz-form="">
      <label class="vc-insz__label" for="vc-insz-input">
        {t('insz.label')}
      </label>
      <div class="vc-insz__row">
        <input
          id="vc-insz-input"
          class="vc-insz__input"
          name="insz"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellcheck={false}
          value={value}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'vc-insz-error' : 'vc-insz-hint'}
          onInput={(e) => {
            setValue((e.currentTarget as HTMLInputElement).value);
            if (error) setError(undefined);
          }}
        />
        <button type="submit" class="vc-button vc-button--primary">
          {t('insz.submit')}
        </button>
        <button type="button" class="vc-button" onClick={onClear}>
          {t('insz.clear')}
        </button>
      </div>
      {error ? (
        <p class="vc-insz__error" id="vc-insz-error" role="alert" data-insz-error={error.reason}>
          {t(inszErrorKey(error.reason), { n: error.length })} {t('insz.notSent')}
        </p>
      ) : (
        <p class="vc-insz__hint" id="vc-insz-hint">
          {t('insz.hint')}
        </p>
      )}
    </form>
  );
}
