import type { Controller } from '../engine/types.js';
import { scheduler } from './scheduler.js';

export const SCHEDULERS: Controller[] = [scheduler];
