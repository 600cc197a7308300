import pino, { type Logger } from 'pino';
import type { Env } from './env.js';

export const createLogger = (level: Env['logLevel']): Logger => pino({ level, base: { service: 'tailgate' } });
