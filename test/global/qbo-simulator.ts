import type { TestProject } from 'vitest/node';
import { startQboSimulator } from '../sim/qbo';

/** Starts one QBO simulator for the workerd tests; they reach it over real HTTP on loopback. */
export default async function setup(project: TestProject) {
  const sim = await startQboSimulator();
  project.provide('qboSimUrl', sim.url);
  return async () => sim.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    qboSimUrl: string;
  }
}
