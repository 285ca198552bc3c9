import { describe, expect, it } from 'vitest';
import { LANGS, translator } from '../../../lib/i18n/translate.ts';
import { RegistrationIssueReason } from '../../../lib/registration/reasons.ts';
import { issueKey, issueText, registrationStrings, warningText } from '../../../lib/registration/strings.ts';

describe('registration words', () => {
  it('every issue reason has words in every language, different from the English outside English', () => {
    for (const lang of LANGS) {
      for (const reason of RegistrationIssueReason.options) {
        const text = registrationStrings[lang][issueKey(reason)];
        expect(text, `${lang} ${reason}`).toMatch(/\S/);
        if (lang !== 'en') expect(text, `${lang} ${reason}`).not.toBe(registrationStrings.en[issueKey(reason)]);
      }
    }
  });

  it('fills the age limit and the warning values, dates as dd/mm/yyyy', () => {
    const fr = translator(registrationStrings, 'fr');
    expect(issueText(fr, { reason: 'date-too-old' })).toContain('365');
    expect(issueText(fr, { reason: 'date-too-old' }, { maxAgeDays: 30 })).toContain('30');
    const nl = translator(registrationStrings, 'nl');
    expect(warningText(nl, { kind: 'flu-already-this-season', season: '2026-2027', dates: ['2026-09-20', '2026-10-02'] })).toBe(
      'Deze patiënt heeft al een griepvaccinatie in seizoen 2026-2027 (20/09/2026, 02/10/2026).',
    );
    const de = translator(registrationStrings, 'de');
    const covid = warningText(de, { kind: 'covid-dose-recent', otherDate: '2026-07-18', days: 89, minimumIntervalDays: 90 });
    expect(covid).toContain('18/07/2026');
    expect(covid).toContain('89');
    expect(covid).toContain('90');
    for (const lang of LANGS) {
      const t = translator(registrationStrings, lang);
      expect(warningText(t, { kind: 'covid-dose-recent', otherDate: '2026-07-18', days: 1, minimumIntervalDays: 90 })).not.toMatch(/[{}]/);
    }
  });
});
