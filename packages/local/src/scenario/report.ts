/**
 * Where a scenario's steps say what happens and check what they expect: `pnpm demo` prints each
 * line and stops at the first check that fails; the stack's test asserts each check.
 */
export interface ScenarioReport {
  /** One line of what happened (`ana@example.com confirmed with code 123456`). */
  say(line: string): void;
  /**
   * An expectation: `actual` deep-equals `expected` (as `util.isDeepStrictEqual` and vitest's
   * `toStrictEqual` compare). `what` says it in words.
   */
  check(what: string, actual: unknown, expected: unknown): void;
}
