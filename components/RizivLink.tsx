/**
 * A vaccinator's RIZIV number as a quick link to the RIZIV silverpages, with
 * a copy button beside it (the deep link's parameter is unverified, so the
 * number can always be pasted into the silverpages search by hand).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { silverpagesUrl } from '../lib/identifiers/riziv.ts';
import { copyText } from './copy-text.ts';
import { useStrings } from './i18n.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

export function RizivLink(props: { riziv: string }) {
  const { riziv } = props;
  const { t } = useStrings();
  const [copy, setCopy] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onCopy = async () => {
    const ok = await copyText(riziv);
    setCopy(ok ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopy('idle'), 2500);
  };

  return (
    <span class="vc-riziv">
      <a
        class="vc-riziv__link"
        href={silverpagesUrl(riziv)}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t('riziv.link', { riziv })}
        title={t('riziv.link', { riziv })}
        data-riziv={riziv}
      >
        {riziv}
      </a>
      <button
        type="button"
        class="vc-riziv__copy"
        onClick={onCopy}
        aria-label={t('riziv.copyLabel', { riziv })}
        title={t('riziv.copyLabel', { riziv })}
        data-copy={copy}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="5" y="5" width="8.5" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4" />
          <path d="M3 10.5V3.5A1.5 1.5 0 0 1 4.5 2h6" fill="none" stroke="currentColor" stroke-width="1.4" />
        </svg>
      </button>
      <span class="vc-riziv__feedback" role="status" aria-live="polite">
        {copy === 'copied' ? t('riziv.copied') : copy === 'failed' ? t('riziv.copyFailed') : ''}
      </span>
    </span>
  );
}
