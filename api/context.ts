import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Role } from '../openapi/common.js';
import type { OutboundGuard } from '../partners/adapters/outbound.js';
import type { CertificationSettings } from '../partners/certification/run.js';
import type { TailWorkflows } from '../tails/workflows.js';

export type Caller = { keyId: string; role: Role; partnerId: string | null };

/** What the HTTP edge needs from the running platform; built once in the server, swapped in tests. */
export type Deps = {
  db: Db;
  log: Logger;
  now: () => Date;
  /** The order and ticket workflows in Temporal (start, signal). */
  workflows: TailWorkflows;
  /** Where Tailgate may call: URLs a caller registers (webhooks, carrier APIs, escalation contacts) are checked. */
  outbound: OutboundGuard;
  /** The desk's own OLA for a manual task (MANUAL_TASK_OLA_MINUTES); default tails' DEFAULT_MANUAL_TASK_OLA_MINUTES. */
  manualTaskOlaMinutes?: number | undefined;
  /** Finance months (penalty reports) are cut in this zone; default reports' DEFAULT_FINANCE_TIME_ZONE. */
  financeTimeZone?: string | undefined;
  /**
   * Carrier credentials by secret name, for certification runs and live qualification (the worker holds them for
   * orders and tickets).
   */
  partnerSecrets?: ReadonlyMap<string, string> | undefined;
  /** How long a qualification waits for carriers asked live; default DEFAULT_LIVE_QUALIFICATION_DEADLINE_MS. */
  liveQualificationDeadlineMs?: number | undefined;
  /** Where a certification run listens for notifications; default defaultCertificationSettings. */
  certification?: CertificationSettings | undefined;
};

export type AppEnv = { Variables: { caller: Caller; deps: Deps } };
