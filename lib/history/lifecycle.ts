/**
 * Which KMEHR lifecycles (CD-LIFECYCLE) mean the vaccine was actually given.
 *
 * Every value of the CD-LIFECYCLE table in KMEHR 1.43 is listed, plus the
 * spellings seen outside it. A record with no lifecycle is a given vaccination
 * (that is how registrations are sent). A value not in this table is also
 * treated as given: an unknown word must never hide a dose that may have been
 * administered; the panel still shows the line so the pharmacist can judge.
 */

export type LifecycleMeaning = 'administered' | 'not-administered';

export const LIFECYCLE_MEANING: Readonly<Record<string, LifecycleMeaning>> = Object.freeze({
  // The vaccination happened (or the record says it did).
  administrated: 'administered',
  administered: 'administered',
  completed: 'administered',
  /** Sumehr exports mark past vaccinations `active` or `inactive`. */
  active: 'administered',
  inactive: 'administered',
  added: 'administered',
  /** A corrected record still describes a given dose. */
  corrected: 'administered',
  /** Reported by the patient or a third party as given. */
  reported: 'administered',
  /** A series stopped after this dose: the dose itself was given. */
  stopped: 'administered',

  // Not given, or not yet.
  cancelled: 'not-administered',
  aborted: 'not-administered',
  refused: 'not-administered',
  notadministrated: 'not-administered',
  notadministered: 'not-administered',
  retracted: 'not-administered',
  excluded: 'not-administered',
  notpresent: 'not-administered',
  planned: 'not-administered',
  scheduled: 'not-administered',
  proposed: 'not-administered',
  prescribed: 'not-administered',
  ordered: 'not-administered',
  todo: 'not-administered',
  pending: 'not-administered',
  expected: 'not-administered',
  postponed: 'not-administered',
  suspended: 'not-administered',
  /** Dispensed (e.g. sold by a pharmacy to be given elsewhere), not administered. */
  delivered: 'not-administered',
  obtained: 'not-administered',
  /** Replaced by another record, which is the one that counts. */
  substituted: 'not-administered',
  switched: 'not-administered',
});

/** True unless the lifecycle is one that says the dose was not given. */
export function isAdministered(lifecycle: string | undefined): boolean {
  if (lifecycle === undefined) return true;
  const key = lifecycle.trim().toLowerCase();
  if (key === '') return true;
  return Object.hasOwn(LIFECYCLE_MEANING, key) ? LIFECYCLE_MEANING[key] === 'administered' : true;
}
