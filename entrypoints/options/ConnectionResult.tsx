/** What "Test connection" found: version, pairing fingerprints, certificates, hubs. */
import { hubKey } from '../../lib/i18n/strings/common.ts';
import type { ConnectionReport } from '../../lib/messages.ts';
import { useOptionsStrings } from './strings.tsx';

/** Certificates expiring within this many days are flagged. */
export const CERTIFICATE_WARNING_DAYS = 30;

export function ConnectionResult({ report }: { report: ConnectionReport | 'running' | 'failed' | undefined }) {
  const { t, tc } = useOptionsStrings();
  if (report === undefined) return <div role="status" aria-live="polite" data-connection="none" />;
  if (report === 'running' || report === 'failed') {
    return (
      <div role="status" aria-live="polite" class="vo-report" data-connection={report}>
        <p>{t(report === 'running' ? 'test.running' : 'failed')}</p>
      </div>
    );
  }
  const { problem, pairing } = report;
  const ok = problem === undefined && pairing.match !== false;
  return (
    <div
      role="status"
      aria-live="polite"
      class={`vo-report ${ok ? 'vo-report--ok' : 'vo-report--problem'}`}
      data-connection={ok ? 'ok' : 'problem'}
      {...(problem ? { 'data-problem': problem } : {})}
    >
      <p class="vo-report__headline">{problem ? t(`test.problem.${problem}`) : t('test.ok')}</p>
      {report.version ? (
        <p data-version={report.version}>
          {t('test.version', { version: report.version })}
          {report.mode ? ` — ${t(`test.mode.${report.mode}`)}` : ''}
        </p>
      ) : null}
      {pairing.extension && pairing.companion ? (
        <p data-pairing-match={String(pairing.match === true)}>
          {pairing.match
            ? t('test.fingerprint.match', { fingerprint: pairing.companion })
            : t('test.fingerprint.mismatch', { extension: pairing.extension, companion: pairing.companion })}
        </p>
      ) : pairing.extension ? (
        <p>{t('test.fingerprint.extensionOnly', { extension: pairing.extension })}</p>
      ) : null}
      {problem === undefined ? (
        <>
          <h3>{t('test.certificates')}</h3>
          {report.certificates.length === 0 ? (
            <p>{t('test.certificate.none')}</p>
          ) : (
            <ul>
              {report.certificates.map((c) => (
                <li
                  key={`${c.subject}|${c.notAfter}`}
                  data-certificate-days={c.daysToExpiry}
                  class={c.daysToExpiry <= CERTIFICATE_WARNING_DAYS ? 'vo-warn' : undefined}
                >
                  {c.daysToExpiry < 0
                    ? t('test.certificate.expired', { subject: c.subject, days: -c.daysToExpiry })
                    : t(c.daysToExpiry <= CERTIFICATE_WARNING_DAYS ? 'test.certificate.soon' : 'test.certificate.valid', {
                        subject: c.subject,
                        days: c.daysToExpiry,
                      })}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('test.hubs')}</h3>
          <ul>
            {report.hubs.map((h) => (
              <li key={h.hub} data-hub={h.hub} data-reachable={String(h.reachable)}>
                {!h.reachable
                  ? t('test.hub.unreachable', { hub: tc(hubKey(h.hub)) })
                  : h.latencyMs !== undefined
                    ? t('test.hub.reachableIn', { hub: tc(hubKey(h.hub)), ms: Math.round(h.latencyMs) })
                    : t('test.hub.reachable', { hub: tc(hubKey(h.hub)) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
