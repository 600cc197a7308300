import { DEFAULT_MANUAL_TASK_OLA_MINUTES } from '../../../tails/desk-queue.js';
import type { Deps } from '../../context.js';

export const taskOlaMinutes = (deps: Deps) => deps.manualTaskOlaMinutes ?? DEFAULT_MANUAL_TASK_OLA_MINUTES;
