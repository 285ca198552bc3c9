/**
 * Prototype pollution detector: a snapshot of every own property (key and
 * value, getter or setter) of the built-in prototypes a parser could reach
 * through `obj[name] = ...` with a hostile name, compared after each input.
 */
const WATCHED: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Map.prototype', Map.prototype],
];

type Slot = readonly [PropertyKey, unknown, unknown, unknown];

export interface PrototypeSnapshot {
  readonly slots: ReadonlyMap<string, readonly Slot[]>;
}

function slotsOf(target: object): Slot[] {
  return Reflect.ownKeys(target).map((key) => {
    const d = Reflect.getOwnPropertyDescriptor(target, key)!;
    return [key, d.value, d.get, d.set] as const;
  });
}

export function snapshotPrototypes(): PrototypeSnapshot {
  return { slots: new Map(WATCHED.map(([name, target]) => [name, slotsOf(target)])) };
}

/** Names of the prototypes that differ from the snapshot (empty: none polluted). */
export function changedPrototypes(before: PrototypeSnapshot): string[] {
  const changed: string[] = [];
  for (const [name, target] of WATCHED) {
    const was = before.slots.get(name)!;
    const now = slotsOf(target);
    const same = was.length === now.length && was.every((slot, i) => slot.every((part, j) => Object.is(part, now[i]![j])));
    if (!same) changed.push(name);
  }
  // A property that only shows on plain objects through the prototype chain.
  const probe: Record<string, unknown> = {};
  if (probe.polluted !== undefined || Object.getPrototypeOf(probe) !== Object.prototype) changed.push('plain object');
  return changed;
}
