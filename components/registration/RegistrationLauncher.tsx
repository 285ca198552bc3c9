/**
 * "Register a vaccination" above the history (in-page panel and side panel):
 * opens the form for the patient shown, after asking the background for the
 * form's context (the patient, the pharmacy and its vaccinators; what the
 * options page still has to set). After a registration the form closes and a
 * sentence says where it went; its green line appears in the history below.
 */
import { useRef, useState } from 'preact/hooks';
import type { PanelState, RegistrationContext, RegistrationView } from '../../lib/messages.ts';
import { setupGapKey } from '../../lib/i18n/strings/registration-ui.ts';
import { RegistrationForm } from './RegistrationForm.tsx';
import type { RegistrationPlatform } from './registration-platform.ts';
import { useRegistrationStrings } from './strings.ts';

type View =
  | { kind: 'closed' }
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'setup'; context: RegistrationContext }
  | { kind: 'form'; context: RegistrationContext };

export interface RegistrationLauncherProps {
  state: PanelState;
  platform: RegistrationPlatform;
  /** Side panel: the INSZ looked up. The in-page panel sends none (the background knows its tab's patient). */
  insz?: string;
  /** Injected in tests. */
  now?: () => Date;
}

export function RegistrationLauncher(props: RegistrationLauncherProps) {
  const { t } = useRegistrationStrings();
  const [view, setView] = useState<View>({ kind: 'closed' });
  const [done, setDone] = useState<RegistrationView | undefined>(undefined);
  const openButton = useRef<HTMLButtonElement>(null);
  const loading = props.state.status.state === 'loading' || props.state.status.state === 'idle';

  const open = async () => {
    setDone(undefined);
    setView({ kind: 'loading' });
    const answer = await props.platform.request({
      type: 'registration:context',
      ...(props.insz !== undefined ? { insz: props.insz } : {}),
    });
    if (!answer.ok) return setView({ kind: 'failed' });
    setView({ kind: answer.context.missing.length > 0 ? 'setup' : 'form', context: answer.context });
  };

  const close = () => {
    setView({ kind: 'closed' });
    setTimeout(() => openButton.current?.focus(), 0);
  };

  return (
    <section class="vc-reg-launcher" data-registration-launcher="">
      {view.kind === 'closed' || view.kind === 'failed' ? (
        <button
          ref={openButton}
          type="button"
          class="vc-button vc-button--primary vc-reg-launcher__open"
          data-action="open-registration"
          aria-expanded="false"
          disabled={loading}
          onClick={() => void open()}
        >
          {t('form.open')}
        </button>
      ) : null}
      {done ? (
        <p
          class={`vc-alert ${done.acceptedByCompanion ? 'vc-alert--info' : 'vc-alert--warning'}`}
          role="status"
          data-registration-done={done.state}
        >
          {t(done.acceptedByCompanion ? 'form.done.sent' : 'form.done.kept')}
        </p>
      ) : null}
      {view.kind === 'loading' ? (
        <p class="vc-history__placeholder" role="status" data-registration-loading="">
          {t('form.loading')}
        </p>
      ) : null}
      {view.kind === 'failed' ? (
        <p class="vc-alert vc-alert--error" role="alert" data-registration-context-failed="">
          {t('form.contextFailed')}
        </p>
      ) : null}
      {view.kind === 'setup' ? (
        <div class="vc-alert vc-alert--warning" role="alert" data-registration-setup="">
          <p>{t('form.setup.title')}</p>
          <ul>
            {view.context.missing.map((gap) => (
              <li key={gap} data-missing={gap}>
                {t(setupGapKey(gap))}
              </li>
            ))}
          </ul>
          <div class="vc-reg__actions">
            <button type="button" class="vc-button" data-action="open-options" onClick={() => props.platform.openOptions()}>
              {t('form.setup.open')}
            </button>
            <button type="button" class="vc-button" data-action="cancel-registration" onClick={close}>
              {t('form.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {view.kind === 'form' ? (
        <RegistrationForm
          context={view.context}
          {...(props.state.history ? { history: props.state.history } : {})}
          platform={props.platform}
          {...(props.now ? { now: props.now } : {})}
          onCancel={close}
          onDone={(registration) => {
            setDone(registration);
            close();
          }}
        />
      ) : null}
    </section>
  );
}
