import {
  DEFAULT_LIVE_QUALIFICATION_DEADLINE_MS,
  type LiveQualificationDeps,
} from '../partners/directory/live-qualification.js';
import { carrierConnectionOf } from './carriers.js';
import type { Deps } from './context.js';

/** How a qualification asked over the API reaches carriers that qualify live (the desk's and the TMF679 one). */
export const liveQualificationOf = (deps: Deps): LiveQualificationDeps => ({
  connection: carrierConnectionOf(deps),
  deadlineMs: deps.liveQualificationDeadlineMs ?? DEFAULT_LIVE_QUALIFICATION_DEADLINE_MS,
});
