/**
 * The registration form (in-page panel and side panel): patient, date of
 * administration (today by default, never in the future), vaccine from the
 * season's catalog or a typed CNK, lot, doses, vaccinator (the pharmacists
 * configured in the options), optional adverse events. Covid-19: the lot is
 * mandatory and adverse events are disabled, with the reason shown
 * (registrationFieldRules).
 *
 * Before anything is sent, the form runs checkRegistration (the same rules
 * as the background, the builder and the companion) and shows each problem
 * beside its field; then the warnings (flu already this season, covid dose
 * recent), which the pharmacist may confirm. One submission id per
 * submission: a repeated request is never a second registration.
 *
 * Stable markup for tests: `name=` on every field, `data-action` on buttons,
 * `data-error-for` on field problems, `data-registration-warning` on warnings.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, JSX } from 'preact';
import { formatInsz } from '../../lib/identifiers/insz.ts';
import type { RegistrationContext, RegistrationView } from '../../lib/messages.ts';
import { brusselsToday } from '../../lib/registration/brussels-time.ts';
import { checkRegistration } from '../../lib/registration/check.ts';
import { isRegistrationIssueReason, type RegistrationIssue } from '../../lib/registration/reasons.ts';
import { issueText, warningText } from '../../lib/registration/strings.ts';
import { registrationWarnings, type RegistrationWarning } from '../../lib/registration/warnings.ts';
import { defaultCatalog, type Catalog } from '../../lib/vaccines/catalog.ts';
import type { MergedHistory } from '../../lib/vaccination.ts';
import { diseaseKey } from '../../lib/i18n/strings/registration-ui.ts';
import {
  FIELD_ORDER,
  fieldRulesOf,
  initialValues,
  inputOf,
  issuesByTarget,
  OTHER_VACCINE,
  vaccineChoices,
  type FormValues,
  type IssueTarget,
} from './form-model.ts';
import { requestWithRetry, type RegistrationPlatform } from './registration-platform.ts';
import { useRegistrationStrings } from './strings.ts';

export interface RegistrationFormProps {
  context: RegistrationContext;
  /** The patient's merged history (for the warnings); absent when none could be fetched. */
  history?: MergedHistory;
  platform: RegistrationPlatform;
  onDone: (registration: RegistrationView) => void;
  onCancel: () => void;
  /** Injected in tests. */
  now?: () => Date;
  catalog?: Catalog;
  newSubmissionId?: () => string;
}

type Phase = 'editing' | 'confirming' | 'sending';
/** Refusals by the companion about its own configuration (not a field of the form). */
const COMPANION_SETUP_PROBLEMS = ['not-this-pharmacy', 'not-a-pharmacist-of-this-pharmacy', 'destination-unavailable'] as const;
type CompanionSetupProblem = (typeof COMPANION_SETUP_PROBLEMS)[number];
type GeneralProblem =
  | 'fixFields'
  | 'companionRefused'
  | 'patient-changed'
  | 'no-patient'
  | 'unavailable'
  | 'other'
  | CompanionSetupProblem;

const EMPTY_HISTORY = (season: string): MergedHistory => ({ season, flu: [], covid: [], other: [], summary: { fluThisSeason: false } });

const fieldId = (name: string) => `vc-reg-${name}`;

export function RegistrationForm(props: RegistrationFormProps) {
  const { context } = props;
  const { lang, t, tr } = useRegistrationStrings();
  const catalog = props.catalog ?? defaultCatalog;
  const today = brusselsToday((props.now ?? (() => new Date()))());
  const [values, setValues] = useState<FormValues>(() => initialValues(context, today));
  const [attempted, setAttempted] = useState(false);
  const [phase, setPhase] = useState<Phase>('editing');
  const [warnings, setWarnings] = useState<RegistrationWarning[]>([]);
  const [serverIssues, setServerIssues] = useState<RegistrationIssue[]>([]);
  const [general, setGeneral] = useState<GeneralProblem | undefined>(undefined);
  /** One id per submission of these exact values: repeating the request cannot register twice. */
  const submission = useRef<{ id: string; input: string } | undefined>(undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const warningsRef = useRef<HTMLDivElement>(null);

  const choices = useMemo(
    () => vaccineChoices(values.administrationDate || today, context.seasonWindow, catalog),
    [values.administrationDate, today, context.seasonWindow, catalog],
  );
  const rules = fieldRulesOf(values, catalog);
  const covidRules = rules?.lot === 'required' ? rules : undefined;
  const input = inputOf(values, context, lang, catalog);
  const check = checkRegistration(input, today, { catalog });
  const localIssues = attempted && !check.ok ? check.issues : [];
  const byTarget = issuesByTarget([...localIssues, ...serverIssues], values);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('select, input:not([type="hidden"])')?.focus();
  }, []);
  useEffect(() => {
    if (phase === 'confirming') warningsRef.current?.focus();
  }, [phase]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerIssues((issues) => issues.filter((i) => !fieldMatches(i.field, key)));
    if (phase === 'confirming') setPhase('editing');
  };

  const focusFirstProblem = (issues: readonly RegistrationIssue[], at: FormValues) => {
    const targets = issuesByTarget(issues, at);
    const first = FIELD_ORDER.find((f) => targets[f] !== undefined);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  const send = async () => {
    const body = JSON.stringify(input);
    if (submission.current?.input !== body) {
      submission.current = { id: (props.newSubmissionId ?? (() => globalThis.crypto.randomUUID()))(), input: body };
    }
    setPhase('sending');
    setGeneral(undefined);
    const answer = await requestWithRetry(props.platform, {
      type: 'registration:submit',
      submissionId: submission.current.id,
      input: input as unknown as Record<string, unknown>,
    });
    if (answer.ok) {
      props.onDone(answer.registration);
      return;
    }
    setPhase('editing');
    const issues = answer.error.issues ?? [];
    const codes = new Set(issues.map((i) => i.message));
    if (codes.has('patient-changed')) return setGeneral('patient-changed');
    if (codes.has('no-patient')) return setGeneral('no-patient');
    const setup = COMPANION_SETUP_PROBLEMS.find((code) => codes.has(code));
    if (setup) return setGeneral(setup);
    if (answer.error.code === 'unavailable') return setGeneral('unavailable');
    const fieldIssues = issues.flatMap((i) => (isRegistrationIssueReason(i.message) ? [{ field: i.path, reason: i.message }] : []));
    if (answer.error.code === 'invalid' && fieldIssues.length > 0) {
      setServerIssues(fieldIssues);
      setGeneral(answer.error.message.includes('companion') ? 'companionRefused' : 'fixFields');
      focusFirstProblem(fieldIssues, values);
      return;
    }
    setGeneral('other');
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (phase === 'sending') return;
    setAttempted(true);
    setServerIssues([]);
    if (!check.ok) {
      setGeneral('fixFields');
      focusFirstProblem(check.issues, values);
      return;
    }
    setGeneral(undefined);
    const found = registrationWarnings(check.value, props.history ?? EMPTY_HISTORY(choices.season), today, {
      seasonWindow: context.seasonWindow,
    });
    if (found.length > 0 && phase !== 'confirming') {
      setWarnings(found);
      setPhase('confirming');
      return;
    }
    void send();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && phase !== 'sending') {
      event.preventDefault();
      props.onCancel();
    }
  };

  const problems = (target: IssueTarget) => (byTarget[target] ?? []).map((issue) => issueText(tr, issue));
  const typed = values.vaccine === OTHER_VACCINE;
  const busy = phase === 'sending';

  return (
    <form
      ref={formRef}
      class="vc-reg"
      name="registration"
      data-registration-form=""
      data-phase={phase}
      aria-labelledby="vc-reg-title"
      aria-busy={busy ? 'true' : 'false'}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <h3 class="vc-reg__title" id="vc-reg-title">
        {t('form.title')}
      </h3>
      <p class="vc-reg__patient" data-registration-patient="">
        <span class="vc-reg__label-inline">{t('form.patient')}: </span>
        <strong>{formatInsz(context.patient.insz)}</strong>
      </p>

      {general ? (
        <p class="vc-alert vc-alert--error" role="alert" data-form-error={general}>
          {t(generalKey(general))}
          {byTarget.general?.length ? ` ${problems('general').join(' · ')}` : ''}
        </p>
      ) : null}

      <div class="vc-reg__row">
        <Field name="patientFamilyName" label={t('form.patientFamilyName')} problems={problems('patientFamilyName')}>
          {(aria) => (
            <input {...aria} type="text" autoComplete="off" value={values.patientFamilyName} disabled={busy}
              onInput={(e) => set('patientFamilyName', e.currentTarget.value)} />
          )}
        </Field>
        <Field name="patientFirstName" label={t('form.patientFirstName')} problems={problems('patientFirstName')}>
          {(aria) => (
            <input {...aria} type="text" autoComplete="off" value={values.patientFirstName} disabled={busy}
              onInput={(e) => set('patientFirstName', e.currentTarget.value)} />
          )}
        </Field>
      </div>

      <Field name="administrationDate" label={t('form.date')} required hint={t('form.date.hint')} problems={problems('administrationDate')}>
        {(aria) => (
          <input {...aria} type="date" max={today} required value={values.administrationDate} disabled={busy}
            onInput={(e) => set('administrationDate', e.currentTarget.value)} />
        )}
      </Field>

      <Field
        name="vaccine"
        label={t('form.vaccine')}
        required
        hint={choices.flu.length === 0 && values.vaccine === '' ? t('form.vaccine.noFlu', { season: choices.season }) : undefined}
        problems={problems('vaccine')}
      >
        {(aria) => (
          <select {...aria} required value={values.vaccine} disabled={busy} onChange={(e) => set('vaccine', e.currentTarget.value)}>
            <option value="">{t('form.vaccine.choose')}</option>
            {choices.flu.length > 0 ? (
              <optgroup label={t('form.vaccine.groupFlu', { season: choices.season })} data-group="flu">
                {choices.flu.map((e) => (
                  <option key={e.cnk!} value={e.cnk!}>{`${e.name} · CNK ${e.cnk}`}</option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={t('form.vaccine.groupCovid')} data-group="covid">
              {choices.covid.map((e) => (
                <option key={e.cnk!} value={e.cnk!}>{`${e.name} · CNK ${e.cnk}`}</option>
              ))}
            </optgroup>
            <optgroup label={t('form.vaccine.groupOther')} data-group="other">
              <option value={OTHER_VACCINE}>{t('form.vaccine.other')}</option>
            </optgroup>
          </select>
        )}
      </Field>

      {typed ? (
        <fieldset class="vc-reg__typed" data-typed-vaccine="">
          <Field name="cnk" label={t('form.cnk')} required problems={problems('cnk')}>
            {(aria) => (
              <input {...aria} type="text" inputMode="numeric" autoComplete="off" spellcheck={false} required maxLength={12}
                value={values.cnk} disabled={busy} onInput={(e) => set('cnk', e.currentTarget.value)} />
            )}
          </Field>
          <Field name="vaccineName" label={t('form.vaccineName')} required problems={problems('vaccineName')}>
            {(aria) => (
              <input {...aria} type="text" autoComplete="off" required value={values.vaccineName} disabled={busy}
                onInput={(e) => set('vaccineName', e.currentTarget.value)} />
            )}
          </Field>
          <Field name="disease" label={t('form.disease')} required problems={problems('disease')}>
            {(aria) => (
              <select {...aria} required value={values.disease} disabled={busy}
                onChange={(e) => set('disease', e.currentTarget.value as FormValues['disease'])}>
                <option value="">{t('form.disease.choose')}</option>
                {(['flu', 'covid', 'other'] as const).map((d) => (
                  <option key={d} value={d}>{t(diseaseKey(d))}</option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
      ) : null}

      <div class="vc-reg__row">
        <Field
          name="lot"
          label={t('form.lot')}
          required={covidRules !== undefined}
          hint={covidRules ? t('form.lot.required') : undefined}
          problems={problems('lot')}
        >
          {(aria) => (
            <input {...aria} type="text" autoComplete="off" spellcheck={false} required={covidRules !== undefined}
              value={values.lot} disabled={busy} onInput={(e) => set('lot', e.currentTarget.value)} />
          )}
        </Field>
        <Field name="quantity" label={t('form.quantity')} problems={problems('quantity')} narrow>
          {(aria) => (
            <input {...aria} type="text" inputMode="decimal" autoComplete="off" value={values.quantity} disabled={busy}
              onInput={(e) => set('quantity', e.currentTarget.value)} />
          )}
        </Field>
      </div>

      <Field name="vaccinator" label={t('form.vaccinator')} required problems={problems('vaccinator')}>
        {(aria) => (
          <select {...aria} required value={values.vaccinator} disabled={busy} onChange={(e) => set('vaccinator', e.currentTarget.value)}>
            {context.vaccinators.map((v) => (
              <option key={v.riziv} value={v.riziv}>{`${v.firstName} ${v.familyName} · ${v.riziv}`}</option>
            ))}
          </select>
        )}
      </Field>

      <Field
        name="adverseEvents"
        label={t('form.adverseEvents')}
        hint={covidRules ? t('form.adverseEvents.disabled') : undefined}
        hintKind={covidRules ? 'disabled-reason' : undefined}
        problems={problems('adverseEvents')}
      >
        {(aria) => (
          <textarea {...aria} rows={2} value={covidRules ? '' : values.adverseEvents} disabled={busy || covidRules !== undefined}
            onInput={(e) => set('adverseEvents', e.currentTarget.value)} />
        )}
      </Field>

      {phase === 'confirming' ? (
        <div class="vc-reg__warnings vc-alert vc-alert--warning" role="alert" tabIndex={-1} ref={warningsRef} data-registration-warnings="">
          <p class="vc-reg__warnings-title">{t('form.warnings.title')}</p>
          <ul>
            {warnings.map((w) => (
              <li key={w.kind} data-registration-warning={w.kind}>{warningText(tr, w)}</li>
            ))}
          </ul>
          <div class="vc-reg__actions">
            <button type="submit" class="vc-button vc-button--primary" data-action="confirm-registration">
              {t('form.warnings.confirm')}
            </button>
            <button type="button" class="vc-button" data-action="back-to-form" onClick={() => setPhase('editing')}>
              {t('form.warnings.back')}
            </button>
          </div>
        </div>
      ) : (
        <div class="vc-reg__actions">
          <button type="submit" class="vc-button vc-button--primary" data-action="submit-registration" disabled={busy}>
            {busy ? t('form.sending') : t('form.submit')}
          </button>
          <button type="button" class="vc-button" data-action="cancel-registration" disabled={busy} onClick={props.onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      )}
    </form>
  );
}

function generalKey(problem: GeneralProblem) {
  switch (problem) {
    case 'fixFields':
      return 'form.fixFields' as const;
    case 'companionRefused':
      return 'form.companionRefused' as const;
    default:
      return `form.failed.${problem}` as const;
  }
}

/** Does an issue about `field` (a dotted input path) concern the form field `key`? */
function fieldMatches(field: string, key: keyof FormValues): boolean {
  const map: Record<keyof FormValues, string[]> = {
    patientFirstName: ['patient.firstName'],
    patientFamilyName: ['patient.familyName'],
    administrationDate: ['administrationDate'],
    vaccine: ['vaccine', 'vaccine.cnk', 'vaccine.name', 'vaccine.disease', 'lot', 'adverseEvents'],
    cnk: ['vaccine.cnk', 'vaccine.name', 'vaccine.disease'],
    vaccineName: ['vaccine.name', 'vaccine.disease'],
    disease: ['vaccine.disease', 'lot', 'adverseEvents'],
    lot: ['lot'],
    quantity: ['quantity'],
    vaccinator: ['vaccinator.riziv', 'vaccinator.firstName', 'vaccinator.familyName'],
    adverseEvents: ['adverseEvents', 'adverseEvents.text'],
  };
  return map[key].includes(field);
}

interface FieldProps {
  name: string;
  label: string;
  required?: boolean;
  hint?: string | undefined;
  /** `disabled-reason`: the hint says why the field is disabled. */
  hintKind?: 'disabled-reason' | undefined;
  problems: string[];
  narrow?: boolean;
  children: (aria: {
    id: string;
    name: string;
    'aria-describedby'?: string;
    'aria-invalid': 'true' | 'false';
    'aria-required'?: 'true';
  }) => JSX.Element;
}

function Field(props: FieldProps): JSX.Element {
  const { t } = useRegistrationStrings();
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.problems.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const body: ComponentChildren = props.children({
    id,
    name: props.name,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    'aria-invalid': props.problems.length > 0 ? 'true' : 'false',
    ...(props.required ? { 'aria-required': 'true' as const } : {}),
  });
  return (
    <div class={`vc-reg__field${props.narrow ? ' vc-reg__field--narrow' : ''}`} data-field={props.name}>
      <label class="vc-reg__label" for={id}>
        {props.label}
        {props.required ? <span class="vc-reg__required"> {t('form.required')}</span> : null}
      </label>
      {body}
      {props.hint ? (
        <p class={`vc-reg__hint${props.hintKind ? ' vc-reg__hint--reason' : ''}`} id={hintId} data-hint-for={props.name}
          {...(props.hintKind ? { 'data-disabled-reason': '' } : {})}>
          {props.hint}
        </p>
      ) : null}
      {errorId ? (
        <ul class="vc-reg__error" id={errorId} data-error-for={props.name}>
          {props.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
