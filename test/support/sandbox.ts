import pino from 'pino';
import type { CliIo } from '../../cli/coverage-import.js';
import type { CertificationSettings } from '../../partners/certification/run.js';
import { fastProfile } from '../../partners/simulator/profile.js';
import { startSimulator, type SimulatorOptions } from '../../partners/simulator/server.js';

/** A carrier's sandbox: quick to answer, but its orders and tickets stay open (a certification run cancels one). */
export const sandboxProfile = {
  ...fastProfile,
  name: 'sandbox',
  completeDelayMs: 600_000,
  ticketResolveDelayMs: 600_000,
};

/** The partner simulator behaving as a sandbox, on a free port. */
export const startSandbox = (opts: Partial<SimulatorOptions> = {}) =>
  startSimulator({ port: 0, profile: sandboxProfile, log: pino({ level: 'silent' }), ...opts });

/** A certification run's listener on loopback, waiting at most 10 s for the sandbox's notifications. */
export const testCertificationSettings: CertificationSettings = {
  listener: { host: '127.0.0.1', port: 0 },
  notificationWaitMs: 10_000,
};

/** A CLI command's io, with everything it writes (stdout and stderr) kept for the test to read. */
export function capturedIo(): { io: CliIo; written(): string } {
  let written = '';
  const write = (s: string) => {
    written += s;
    return true;
  };
  const io = {
    stdout: { write },
    stderr: { write },
    now: () => new Date(),
    clock: () => performance.now(),
  } as unknown as CliIo;
  return { io, written: () => written };
}
