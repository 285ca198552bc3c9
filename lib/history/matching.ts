/**
 * One-to-one pairing between two lists, in stages of decreasing preference.
 *
 * Each stage finds a maximum matching (Kuhn's augmenting paths) among the items
 * still unpaired after the earlier stages, so a stronger kind of evidence is
 * never given up for a weaker one, and within a stage no pair is lost to an
 * unlucky greedy choice (A~B, B~C but not A~C). Deterministic: left items are
 * tried in index order and each one's candidates in the order given.
 */

/** For a left index, its right candidates in this stage, most preferred first. */
export type StageCandidates = (left: number) => readonly number[];

/** Returns, for each left index, the right index paired with it (or undefined). */
export function stagedMatching(
  leftCount: number,
  rightCount: number,
  stages: readonly StageCandidates[],
): Array<number | undefined> {
  const rightOfLeft: Array<number | undefined> = new Array(leftCount).fill(undefined);
  const leftOfRight: Array<number | undefined> = new Array(rightCount).fill(undefined);

  for (const candidates of stages) {
    const locked = new Set<number>();
    leftOfRight.forEach((l, r) => {
      if (l !== undefined) locked.add(r);
    });
    const stageLeftOf = new Map<number, number>();
    const augment = (left: number, visited: Set<number>): boolean => {
      for (const right of candidates(left)) {
        if (locked.has(right) || visited.has(right)) continue;
        visited.add(right);
        const current = stageLeftOf.get(right);
        if (current === undefined || augment(current, visited)) {
          stageLeftOf.set(right, left);
          return true;
        }
      }
      return false;
    };
    for (let left = 0; left < leftCount; left++) {
      if (rightOfLeft[left] === undefined) augment(left, new Set());
    }
    for (const [right, left] of stageLeftOf) {
      leftOfRight[right] = left;
      rightOfLeft[left] = right;
    }
  }
  return rightOfLeft;
}
