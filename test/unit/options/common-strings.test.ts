import { describe, expect, it } from 'vitest';
import { ageText, commonStrings, hubKey, reasonKey, statusText } from '../../../lib/i18n/strings/common.ts';
import { optionsStrings, issueKey } from '../../../lib/i18n/strings/options.ts';
import { LANGS, translator } from '../../../lib/i18n/translate.ts';
import { BadgeReason, ConnectionProblem } from '../../../lib/messages.ts';
import { HUB_IDS } from '../../../lib/vaccination.ts';

describe('common words', () => {
  it('has words for every badge reason and hub in every language', () => {
    for (const lang of LANGS) {
      for (const reason of BadgeReason.options) expect(commonStrings[lang][reasonKey(reason)]).toMatch(/\S/);
      for (const hub of HUB_IDS) expect(commonStrings[lang][hubKey(hub)]).toMatch(/\S/);
    }
  });

  it('says a status in one sentence', () => {
    const t = translator(commonStrings, 'en');
    expect(statusText(t, { state: 'loading' })).toBe('Querying Vaccicard…');
    expect(statusText(t, { state: 'error', reason: 'no-consent' })).toBe(
      'Vaccicard could not be consulted: the patient has not given consent (eHealth)',
    );
    expect(statusText(t, { state: 'error', reason: 'timeout', hub: 'rsb' })).toBe(
      'Only Brussels Health Network (RSB) could not be consulted: the hub did not answer in time',
    );
    expect(statusText(t, { state: 'ok', stale: { ageMs: 3 * 3600_000 } })).toContain('3 h ago');
    expect(statusText(translator(commonStrings, 'fr'), { state: 'error', reason: 'companion-down' })).toBe(
      "Vaccicard n'a pas pu être consulté : l'application compagnon ne fonctionne pas",
    );
  });

  it.each([
    [0, 'just now'],
    [59_000, 'just now'],
    [60_000, '1 min ago'],
    [59 * 60_000, '59 min ago'],
    [2 * 3600_000, '2 h ago'],
    [50 * 3600_000, '2 days ago'],
  ])('age %i ms reads %s', (ms, words) => {
    expect(ageText(translator(commonStrings, 'en'), ms)).toBe(words);
  });
});

describe('options words', () => {
  it('has a headline for every connection problem', () => {
    for (const lang of LANGS) {
      for (const p of ConnectionProblem.options) expect(optionsStrings[lang][`test.problem.${p}`]).toMatch(/\S/);
    }
  });

  it('maps issue codes to words, unknown codes to a generic sentence', () => {
    expect(issueKey('riziv:bad-check-digits')).toBe('issue.riziv:bad-check-digits');
    expect(issueKey('Too small: expected number to be >=5')).toBe('issue.other');
    expect(issueKey('__proto__')).toBe('issue.other');
  });
});
