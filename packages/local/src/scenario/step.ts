import type { ScenarioWorld } from './world.js';

/** One step of the scenario: a title (a sentence of what happens) and the moves that do it. */
export interface ScenarioStep {
  readonly title: string;
  run(world: ScenarioWorld): Promise<void>;
}
