/**
 * How hard the reliability suite pushes. `npm test` runs the light profile
 * (it must fit the CI budget beside everything else); `npm run
 * test:reliability` sets RELIABILITY_PROFILE=full for the long corpus, the
 * 30-second load and the repeated faults. Both profiles run every scenario:
 * only counts and durations differ.
 */
export type ReliabilityProfile = 'light' | 'full';

export const PROFILE: ReliabilityProfile = process.env.RELIABILITY_PROFILE === 'full' ? 'full' : 'light';

/** The value for the running profile. */
export function byProfile<T>(light: T, full: T): T {
  return PROFILE === 'full' ? full : light;
}

/** One seed for every generator of the suite, so a failure reproduces (fast-check prints it too). */
export const RELIABILITY_SEED = 20_261_015;
