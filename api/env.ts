import path from 'node:path';
import { z } from 'zod';
import { partnerSecretsFrom, type PartnerSecrets } from '../partners/adapters/credentials.js';
import { parseAllowEntry } from '../partners/adapters/outbound.js';
import type { CertificationSettings } from '../partners/certification/run.js';
import {
  DEFAULT_CONFORMANCE_MIN_SAMPLE,
  DEFAULT_CONFORMANCE_WINDOW_DAYS,
  type ConformanceSettings,
} from '../partners/performance/measured-conformance.js';
import { DEFAULT_MANUAL_TASK_OLA_MINUTES } from '../tails/desk-queue.js';
import { DEFAULT_LIVE_QUALIFICATION_DEADLINE_MS } from '../partners/directory/live-qualification.js';
import type { SmtpSettings } from '../tails/notify/mailer.js';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../workers/config.js';
import { PLAINTEXT, type TemporalSecurity } from '../workers/config.js';

/** Every setting Tailgate reads from the environment, validated once at start-up. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('data'),
  DATABASE_PATH: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL (postgres://user:password@host:port/database)')
    .optional(),
  ADMIN_API_KEY: z.string().min(16, 'ADMIN_API_KEY must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_CLI_PATH: z.string().optional(),
  TEMPORAL_TEST_SERVER_PATH: z.string().optional(),
  TEMPORAL_DEV_SERVER_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_MAX_CACHED_WORKFLOWS),
  TEMPORAL_TLS: z.enum(['on', 'off']).optional(),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  DEMO_CARRIERS: z.enum(['on', 'off']).default('on'),
  QUALIFICATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  CONFORMANCE_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_CONFORMANCE_WINDOW_DAYS),
  PREDICTED_JEOPARDY_BELOW: z.coerce.number().min(0).max(1).default(0.5),
  ESCALATION_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_TLS: z.enum(['starttls', 'tls', 'none']).default('starttls'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('tailgate@localhost'),
  SMS_WEBHOOK_URL: z.url().optional(),
  CERTIFICATION_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  CERTIFICATION_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  CERTIFICATION_CALLBACK_URL: z.url().optional(),
  CERTIFICATION_NOTIFICATION_WAIT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  TAILGATE_DESK_KEY: z.string().min(1).optional(),
  TAILGATE_CARRIER_KEY: z.string().min(1).optional(),
  LIVE_QUALIFICATION_DEADLINE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(30_000)
    .default(DEFAULT_LIVE_QUALIFICATION_DEADLINE_MS),
  MANUAL_TASK_OLA_MINUTES: z.coerce.number().int().min(1).max(525_600).default(DEFAULT_MANUAL_TASK_OLA_MINUTES),
  CONFORMANCE_MIN_SAMPLE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_CONFORMANCE_MIN_SAMPLE),
  FINANCE_TIME_ZONE: z
    .string()
    .default('Europe/London')
    .refine(
      (tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC',
      'must be an IANA time zone such as Europe/London',
    ),
  OUTBOUND_ALLOW: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine((entries) => entries.every((e) => parseAllowEntry(e) !== undefined), {
      message: 'must be comma-separated addresses, CIDR ranges, IPv4:port or [IPv6]:port',
    }),
  PATH: z.string().optional(),
});

type EnvInput = z.infer<typeof envSchema>;

/**
 * TLS towards TEMPORAL_ADDRESS: on when asked (TEMPORAL_TLS=on), when any of its files or names is set, or with an
 * API key (Temporal Cloud needs both); TEMPORAL_TLS=off forces plaintext (a local server that ignores the key).
 */
function temporalSecurity(e: EnvInput): { security: TemporalSecurity; issues: string[] } {
  const files = {
    clientCertPath: e.TEMPORAL_TLS_CERT,
    clientKeyPath: e.TEMPORAL_TLS_KEY,
    serverCaPath: e.TEMPORAL_TLS_CA,
    serverName: e.TEMPORAL_TLS_SERVER_NAME,
  };
  const issues: string[] = [];
  if (Boolean(e.TEMPORAL_TLS_CERT) !== Boolean(e.TEMPORAL_TLS_KEY)) {
    issues.push(
      `${e.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'}: mutual TLS needs both the certificate and its key`,
    );
  }
  const anyTlsSetting = Object.values(files).some(Boolean);
  if (e.TEMPORAL_TLS === 'off' && anyTlsSetting) {
    issues.push('TEMPORAL_TLS: off, but TLS files or a server name are set; unset them or turn TLS on');
  }
  const tls = e.TEMPORAL_TLS === 'on' || anyTlsSetting || (Boolean(e.TEMPORAL_API_KEY) && e.TEMPORAL_TLS !== 'off');
  return { security: { tls: tls ? files : false, apiKey: e.TEMPORAL_API_KEY }, issues };
}

export type Env = {
  port: number;
  host: string;
  /** How carriers reach us (hub callbacks); defaults to http://HOST:PORT. */
  publicBaseUrl: string;
  dataDir: string;
  databasePath: string;
  /** PostgreSQL instead of the SQLite file at databasePath. */
  databaseUrl: string | undefined;
  adminApiKey: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  temporal: {
    address: string | undefined;
    namespace: string;
    cliPath: string | undefined;
    testServerPath: string | undefined;
    devServerPort: number;
    /** Workflows the worker keeps in memory between tasks (workers/config.ts explains the default). */
    maxCachedWorkflows: number;
    /** TLS and API key for TEMPORAL_ADDRESS (the embedded dev server is always plaintext). */
    security: TemporalSecurity;
  };
  demoCarriers: boolean;
  /** Days an expired qualification (and a stored answer) is kept (partners/directory/qualification-retention.ts). */
  qualificationRetentionDays: number;
  /** An open order whose chance of delivery on time falls below this gets a predictedJeopardy (0: never). */
  predictedJeopardyBelow: number;
  /** How measured OLA conformance is computed (partners/performance/measured-conformance.ts). */
  conformance: ConformanceSettings;
  /** Escalation webhooks are signed with this (Tailgate-Signature, as desk webhooks); unset: sent unsigned. */
  escalationWebhookSecret: string | undefined;
  /** Where escalation e-mail goes out; unset (no SMTP_HOST): e-mail contacts stay in the outbox. */
  smtp: SmtpSettings | undefined;
  /** Phone contacts' escalations are POSTed here; unset: they stay in the outbox. */
  smsWebhookUrl: string | undefined;
  /** The desk's own OLA for a manual task: minutes from its opening to its resolution (tails/desk-queue.ts). */
  manualTaskOlaMinutes: number;
  /** Penalty report months are calendar months in this zone. */
  financeTimeZone: string;
  /** The search path, where a `temporal` CLI on PATH is looked for. */
  searchPath: string | undefined;
  /** How long a qualification waits for carriers asked in real time (partners/directory/live-qualification.ts). */
  liveQualificationDeadlineMs: number;
  /** Carrier credentials by secret name, from `PARTNER_SECRET_<NAME>` (partners/adapters/credentials.ts). */
  partnerSecrets: PartnerSecrets;
  /** A certification run's notification listener and how long it waits (partners/certification/run.ts). */
  certification: CertificationSettings;
  /** Private addresses outbound calls may still reach (partners/adapters/outbound.ts); empty: public ones only. */
  outboundAllow: string[];
  /** The keys `npm run cli -- tmf certify-own` calls a running Tailgate with (cli/certify-own.ts). */
  ownEndpointKeys: { desk: string | undefined; carrier: string | undefined };
};

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  const { secrets, issues } = partnerSecretsFrom(source);
  const temporal = parsed.success ? temporalSecurity(parsed.data) : { security: PLAINTEXT, issues: [] };
  const smtpIssues =
    parsed.success && Boolean(parsed.data.SMTP_USER) !== Boolean(parsed.data.SMTP_PASSWORD)
      ? [
          `${parsed.data.SMTP_USER ? 'SMTP_PASSWORD' : 'SMTP_USER'}: SMTP authentication needs both the user and the password`,
        ]
      : [];
  if (!parsed.success || issues.length > 0 || temporal.issues.length || smtpIssues.length) {
    const lines = [
      ...(parsed.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`),
      ...issues,
      ...temporal.issues,
      ...smtpIssues,
    ];
    throw new Error(`Invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    databasePath: e.DATABASE_PATH ? path.resolve(e.DATABASE_PATH) : path.join(dataDir, 'tailgate.db'),
    databaseUrl: e.DATABASE_URL,
    adminApiKey: e.ADMIN_API_KEY,
    logLevel: e.LOG_LEVEL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      cliPath: e.TEMPORAL_CLI_PATH,
      testServerPath: e.TEMPORAL_TEST_SERVER_PATH,
      devServerPort: e.TEMPORAL_DEV_SERVER_PORT,
      maxCachedWorkflows: e.TEMPORAL_MAX_CACHED_WORKFLOWS,
      security: temporal.security,
    },
    demoCarriers: e.DEMO_CARRIERS === 'on',
    qualificationRetentionDays: e.QUALIFICATION_RETENTION_DAYS,
    predictedJeopardyBelow: e.PREDICTED_JEOPARDY_BELOW,
    conformance: { windowDays: e.CONFORMANCE_WINDOW_DAYS, minimumSample: e.CONFORMANCE_MIN_SAMPLE },
    manualTaskOlaMinutes: e.MANUAL_TASK_OLA_MINUTES,
    escalationWebhookSecret: e.ESCALATION_WEBHOOK_SECRET,
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          tls: e.SMTP_TLS,
          user: e.SMTP_USER,
          password: e.SMTP_PASSWORD,
          from: e.SMTP_FROM,
        }
      : undefined,
    smsWebhookUrl: e.SMS_WEBHOOK_URL,
    financeTimeZone: e.FINANCE_TIME_ZONE,
    searchPath: e.PATH,
    partnerSecrets: secrets,
    liveQualificationDeadlineMs: e.LIVE_QUALIFICATION_DEADLINE_MS,
    certification: {
      listener: {
        host: e.CERTIFICATION_LISTEN_HOST,
        port: e.CERTIFICATION_LISTEN_PORT,
        publicUrl: e.CERTIFICATION_CALLBACK_URL,
      },
      notificationWaitMs: e.CERTIFICATION_NOTIFICATION_WAIT_SECONDS * 1000,
    },
    outboundAllow: e.OUTBOUND_ALLOW,
    ownEndpointKeys: { desk: e.TAILGATE_DESK_KEY, carrier: e.TAILGATE_CARRIER_KEY },
  };
}
