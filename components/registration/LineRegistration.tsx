/**
 * What a green line of a registration made through this product shows beyond
 * its state: why it is still kept in the browser or not delivered yet, why it
 * was rejected, a withdrawal under way, and the withdraw button (asks to
 * confirm first). The registrations' views and the withdraw action come from
 * the page through RegistrationLinesProvider.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { RegistrationView } from '../../lib/messages.ts';
import type { VaccinationLine } from '../../lib/vaccination.ts';
import { handOverKey, rejectionKey } from '../../lib/i18n/strings/registration-ui.ts';
import { formatDate } from '../format.ts';
import { useRegistrationStrings } from './strings.ts';

export interface RegistrationLines {
  views: ReadonlyMap<string, RegistrationView>;
  /** Resolves true when the withdrawal was taken. Absent: no withdraw button. */
  withdraw?: (id: string) => Promise<boolean>;
}

const LinesContext = createContext<RegistrationLines>({ views: new Map() });

export function RegistrationLinesProvider(props: {
  registrations: readonly RegistrationView[] | undefined;
  withdraw?: (id: string) => Promise<boolean>;
  children: ComponentChildren;
}) {
  const views = new Map((props.registrations ?? []).map((v) => [v.id, v]));
  return (
    <LinesContext.Provider value={{ views, ...(props.withdraw ? { withdraw: props.withdraw } : {}) }}>
      {props.children}
    </LinesContext.Provider>
  );
}

type Ask = 'idle' | 'asking' | 'busy' | 'failed';

export function LineRegistration(props: { line: VaccinationLine }) {
  const { line } = props;
  const { views, withdraw } = useContext(LinesContext);
  const { t } = useRegistrationStrings();
  const [ask, setAsk] = useState<Ask>('idle');
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ask === 'asking') yes.current?.focus();
  }, [ask]);
  const view = line.registration ? views.get(line.registration.id) : undefined;
  if (!view) return null;

  const notes: Array<{ key: string; text: string; attrs: Record<string, string> }> = [];
  if (view.handOverProblem) {
    notes.push({ key: 'hand-over', text: t(handOverKey(view.handOverProblem)), attrs: { 'data-hand-over': view.handOverProblem } });
  }
  if (view.deliveryProblem) {
    notes.push({ key: 'delivery', text: t('line.delivery'), attrs: { 'data-delivery-problem': view.deliveryProblem } });
  }
  if (view.state === 'rejected' && view.rejectionCode) {
    notes.push({ key: 'rejection', text: t(rejectionKey(view.rejectionCode)), attrs: { 'data-rejection': view.rejectionCode } });
  }
  if (view.withdrawal) {
    const words = t(`line.withdrawal.${view.withdrawal.state}`);
    notes.push({
      key: 'withdrawal',
      text: view.withdrawal.reason ? `${words}: ${view.withdrawal.reason}` : words,
      attrs: { 'data-withdrawal': view.withdrawal.state },
    });
  }
  const offer = view.canWithdraw && withdraw !== undefined;

  const confirm = async () => {
    if (!withdraw) return;
    setAsk('busy');
    setAsk((await withdraw(view.id)) ? 'idle' : 'failed');
  };

  return (
    <div class="vc-line__reg" data-registration-view={view.id}>
      {notes.map((n) => (
        <span key={n.key} class="vc-line__reg-note" {...n.attrs}>
          {n.text}
        </span>
      ))}
      {offer && (ask === 'idle' || ask === 'failed') ? (
        <button
          type="button"
          class="vc-button vc-line__withdraw"
          data-action="withdraw-registration"
          aria-label={t('line.withdraw.label', { date: formatDate(line.date) })}
          onClick={() => setAsk('asking')}
        >
          {t('line.withdraw')}
        </button>
      ) : null}
      {ask === 'failed' ? (
        <span class="vc-line__reg-note vc-line__reg-note--error" role="alert" data-withdraw-failed="">
          {t('line.withdraw.failed')}
        </span>
      ) : null}
      {offer && (ask === 'asking' || ask === 'busy') ? (
        <div class="vc-line__confirm" role="group" aria-label={t('line.withdraw.question')} data-withdraw-confirm="">
          <span>{t('line.withdraw.question')}</span>
          <button
            type="button"
            class="vc-button vc-button--danger"
            data-action="confirm-withdraw"
            disabled={ask === 'busy'}
            onClick={() => void confirm()}
            ref={yes}
          >
            {t('line.withdraw.yes')}
          </button>
          <button type="button" class="vc-button" data-action="cancel-withdraw" disabled={ask === 'busy'} onClick={() => setAsk('idle')}>
            {t('line.withdraw.no')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
