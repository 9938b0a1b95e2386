/** Where paytok reads the time. Inject one in tests; the default is `Date.now`. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
