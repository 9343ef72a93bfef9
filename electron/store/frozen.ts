/**
 * Deep freezing, remembered. The store's cached documents are frozen through and through, so they
 * can be shared without copies; what was frozen here is known to be unchangeable all the way down,
 * which a plain `Object.isFrozen` does not tell (`Object.freeze` is shallow: a frozen object may
 * hold an array anyone can still push to). Validation by change (validate-change.ts) and the
 * reuse of serialised text (json-text.ts) rely on exactly this.
 */
const deeplyFrozen = new WeakSet<object>();

/** Freezes a value and everything in it, and remembers that it did. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || deeplyFrozen.has(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  deeplyFrozen.add(value);
  return value;
}

/** True when `deepFreeze` froze this object, and so everything in it. */
export function isDeeplyFrozen(value: object): boolean {
  return deeplyFrozen.has(value);
}
