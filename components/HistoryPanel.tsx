/**
 * The merged history as the pharmacist sees it, in the in-page panel and in
 * the side panel alike: a flu block and a covid block for the current season,
 * the collapsed "earlier seasons and other vaccines" group, which hubs failed,
 * how old a cached answer is, and the Vaccinnet note. Data arrives as a
 * PanelState from the background; everything is rendered as text (no HTML).
 *
 * When no hub answered, the panel says why and never claims "no vaccination
 * found": only the page's own lines (if any) are shown.
 */
import type { ComponentChildren } from 'preact';
import type { PanelState } from '../lib/messages.ts';
import type { MergedHistory } from '../lib/vaccination.ts';
import { COVID_VACCICARD_CUTOFF } from '../lib/vaccines/season.ts';
import { ageText, hubKey, reasonKey, statusText } from '../lib/i18n/strings/common.ts';
import { formatDate, formatTimestamp } from './format.ts';
import { HistoryBlock, OtherBlock } from './HistoryBlock.tsx';
import { useStrings } from './i18n.tsx';
import { VaccinnetNote } from './VaccinnetNote.tsx';

type HubFailures = PanelState['hubFailures'];

export function HistoryPanel(props: {
  state: PanelState;
  onRefresh?: () => void;
  /** Shown under the header, above the history (the registration form). */
  actions?: ComponentChildren;
}) {
  const { state } = props;
  const { t, tc } = useStrings();
  const { status, history } = state;
  /** Vaccicard could not be consulted at all (no hub answered, or the companion could not be used). */
  const noHubAnswered = status.state === 'error' && status.hub === undefined;
  const hasLines = history !== undefined && history.flu.length + history.covid.length + history.other.length > 0;
  return (
    <div class="vc-history" data-status={status.state}>
      <header class="vc-history__header">
        <div class="vc-history__heading">
          <h2 class="vc-history__title">{t('panel.title')}</h2>
          {state.patientLabel ? (
            <p class="vc-history__patient" data-patient-label="">
              {t('panel.patient', { label: state.patientLabel })}
            </p>
          ) : null}
        </div>
        {props.onRefresh && status.state !== 'idle' ? (
          <button
            type="button"
            class="vc-button vc-history__refresh"
            onClick={props.onRefresh}
            disabled={status.state === 'loading'}
            data-action="refresh"
          >
            {t('panel.refresh')}
          </button>
        ) : null}
      </header>

      {props.actions}

      {status.state === 'ok' && status.stale ? (
        <p class="vc-alert vc-alert--stale" data-stale-age={Math.floor(status.stale.ageMs / 60_000)}>
          {t('panel.staleNotice', { age: ageText(tc, status.stale.ageMs) })}
        </p>
      ) : null}

      {noHubAnswered ? (
        <div class="vc-alert vc-alert--error" data-placeholder="error">
          <p>{statusText(tc, status)}</p>
          <HubFailureList failures={state.hubFailures} />
          <p>{hasLines ? t('panel.ownOnly') : t('panel.errorNoData')}</p>
        </div>
      ) : state.hubFailures.length > 0 ? (
        <div
          class={`vc-alert ${status.state === 'ok' ? 'vc-alert--info' : 'vc-alert--error'}`}
          data-hub-failures-box=""
        >
          <p>{status.state === 'ok' ? t('panel.hubFailuresInfo') : t('panel.hubFailures')}</p>
          <HubFailureList failures={state.hubFailures} />
        </div>
      ) : null}

      {state.cacheUnavailable ? (
        <p class="vc-alert vc-alert--warning" data-cache-unavailable="">
          {tc('cache.unavailable')}
        </p>
      ) : null}

      {state.parseFailures > 0 ? (
        <p class="vc-alert vc-alert--warning" data-parse-failures={state.parseFailures}>
          {t('panel.parseFailures', { n: state.parseFailures })}
        </p>
      ) : null}

      {history && (!noHubAnswered || hasLines) ? (
        <HistoryBlocks history={history} vaccicardAnswered={!noHubAnswered} />
      ) : status.state === 'loading' ? (
        <p class="vc-history__placeholder" data-placeholder="loading">
          {t('panel.loading')}
        </p>
      ) : status.state === 'idle' ? (
        <p class="vc-history__placeholder" data-placeholder="idle">
          {t('panel.idle')}
        </p>
      ) : null}

      <VaccinnetNote />

      {state.fetchedAt !== undefined && history ? (
        <p class="vc-history__fetched">{t('panel.fetchedAt', formatTimestamp(state.fetchedAt))}</p>
      ) : null}
    </div>
  );
}

function HubFailureList(props: { failures: HubFailures }) {
  const { tc } = useStrings();
  if (props.failures.length === 0) return null;
  return (
    <ul data-hub-failures="">
      {props.failures.map((f) => (
        <li key={f.hub} data-hub={f.hub} data-reason={f.reason}>
          {tc(hubKey(f.hub))}: {tc(reasonKey(f.reason))}
        </li>
      ))}
    </ul>
  );
}

function HistoryBlocks(props: { history: MergedHistory; vaccicardAnswered: boolean }) {
  const { history, vaccicardAnswered } = props;
  const { t } = useStrings();
  const cutoff = formatDate(COVID_VACCICARD_CUTOFF);
  const { summary } = history;
  const empty = (text: string) => (vaccicardAnswered ? text : t('block.unknown'));
  return (
    <>
      <HistoryBlock
        block="flu"
        title={t('block.flu', { season: history.season })}
        lines={history.flu}
        empty={empty(t('block.flu.empty'))}
        notes={
          summary.fluThisSeason ? (
            <p class="vc-alert vc-alert--warning" data-summary="flu-this-season">
              {t('summary.fluThisSeason')}
            </p>
          ) : null
        }
      />
      <HistoryBlock
        block="covid"
        title={t('block.covid', { date: cutoff })}
        lines={history.covid}
        empty={empty(t('block.covid.empty', { date: cutoff }))}
        notes={
          summary.lastCovidDate !== undefined && summary.daysSinceLastCovid !== undefined ? (
            <p class="vc-alert vc-alert--info" data-summary="days-since-covid" data-days={summary.daysSinceLastCovid}>
              {summary.daysSinceLastCovid <= 0
                ? t('summary.lastCovidToday', { date: formatDate(summary.lastCovidDate) })
                : t('summary.lastCovid', {
                    date: formatDate(summary.lastCovidDate),
                    days:
                      summary.daysSinceLastCovid === 1
                        ? t('days.one')
                        : t('days.many', { n: summary.daysSinceLastCovid }),
                  })}
            </p>
          ) : null
        }
      />
      <OtherBlock
        title={t('block.other', { n: history.other.length })}
        lines={history.other}
        empty={empty(t('block.other.empty'))}
      />
    </>
  );
}
