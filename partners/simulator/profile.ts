import { z } from 'zod';

const ms = z.number().int().min(0);

const SimCatalogueEntrySchema = z.object({
  productOfferingId: z.string().min(1),
  bandwidthMbps: z.number().int().min(1),
  accessType: z.enum(['onNet', 'nearNet']),
  /** Integer minor units of `currency`. */
  installMinor: z.number().int().min(0),
  monthlyMinor: z.number().int().min(0),
  currency: z.string().length(3),
  leadTimeDays: z.number().int().min(0),
});
export type SimCatalogueEntry = z.infer<typeof SimCatalogueEntrySchema>;

const defaultCatalogue: SimCatalogueEntry[] = [
  {
    productOfferingId: 'ETH-100',
    bandwidthMbps: 100,
    accessType: 'onNet',
    installMinor: 80_000,
    monthlyMinor: 30_000,
    currency: 'GBP',
    leadTimeDays: 20,
  },
  {
    productOfferingId: 'ETH-1000',
    bandwidthMbps: 1000,
    accessType: 'onNet',
    installMinor: 150_000,
    monthlyMinor: 90_000,
    currency: 'GBP',
    leadTimeDays: 30,
  },
];
const probability = z.number().min(0).max(1);

/**
 * How a simulated carrier behaves. Delays are real milliseconds; dates the carrier commits to are simulated
 * (whole days ahead), so a "late" delivery is visible in the dates without waiting days.
 */
export const BehaviourProfileSchema = z.object({
  name: z.string(),
  /** Seeds every random choice (faults, outcomes, notification tricks), so a test run is repeatable. */
  seed: z.number().int(),
  /** Order created -> acknowledged notification. */
  ackDelayMs: ms,
  /** Acknowledged -> committed completion date (expectedCompletionDate, an attribute value change). */
  commitDelayMs: ms,
  /** Committed -> inProgress. */
  progressDelayMs: ms,
  /** inProgress -> outcome (completed, held, pending, failed); rejected orders are rejected instead of committing. */
  completeDelayMs: ms,
  /** A held or pending order resumes (inProgress, then completes) after this; null keeps it there. */
  resumeAfterHoldMs: ms.nullable(),
  /** Between the steps assessingCancellation -> pendingCancellation -> cancelled. */
  cancelStepDelayMs: ms,
  /** Simulated lead time: the committed date is the later of the requested date and today + this. */
  leadTimeDays: z.number().int().min(0),
  /** Simulated lateness: a late order's completionDate is its committed date + this. */
  lateByDays: z.number().int().min(1),
  /** Relative weights of how an order ends. */
  outcomeWeights: z.object({
    completed: z.number().min(0),
    held: z.number().min(0),
    pending: z.number().min(0),
    failed: z.number().min(0),
    rejected: z.number().min(0),
  }),
  lateDeliveryProbability: probability,
  /** Share of orders (v5) whose site survey milestone is missed: a ProductOrderMilestoneEvent with status Violated. */
  missedMilestoneProbability: probability.default(0),
  /**
   * Share of productOrder, cancelProductOrder, troubleTicket and listener requests answered 503 before doing anything.
   */
  errorRate: probability,
  /** Share of those requests answered only after hangMs (after doing the work, as a slow carrier would). */
  timeoutRate: probability,
  hangMs: ms,
  /**
   * Share of order and ticket creations answered 503 before anything is created, while reads still work (a carrier
   * whose order entry is down).
   */
  submitErrorRate: probability.default(0),
  /** The first N order creations (since the profile was set) create the order and then answer 503. */
  failFirstSubmits: z.number().int().min(0),
  /** When set, every order creation is refused with this status and TMF Error reason; nothing is created. */
  rejectSubmit: z
    .object({ status: z.union([z.literal(400), z.literal(422)]), reason: z.string(), message: z.string().optional() })
    .nullable(),
  /** Share of notifications delivered twice with the same eventId. */
  duplicateNotifications: probability,
  /** Share of notifications held back and delivered after the order's next one (final-state events are never held). */
  outOfOrderNotifications: probability,
  /** A held-back notification is delivered anyway after this, if no later one came. */
  outOfOrderMaxHoldMs: ms,
  notificationRetries: z.number().int().min(0),
  notificationBackoffMs: ms,
  notificationTimeoutMs: z.number().int().min(1),
  /**
   * Ticket created -> acknowledged notification, with the carrier's expectedResolutionDate (an attribute value change).
   */
  ticketAckDelayMs: ms,
  /** Acknowledged -> inProgress (an engineer is on it). */
  ticketProgressDelayMs: ms,
  /** inProgress -> resolved: the repair time the carrier commits to in expectedResolutionDate. */
  ticketResolveDelayMs: ms,
  /** Share of tickets that go pending during the repair, asking the buyer for information. */
  ticketPendingProbability: probability,
  /** inProgress -> pending, for those tickets. */
  ticketPendingAfterMs: ms,
  /**
   * A pending ticket resumes (inProgress, a fresh ticketResolveDelayMs) after this; null waits for the buyer's PATCH
   * to inProgress.
   */
  ticketResumeAfterPendingMs: ms.nullable(),
  /**
   * MEF 113's confirmation timeout: a resolved ticket the buyer neither closes nor reopens within this is closed by
   * the carrier. Null (the default): it stays resolved until the buyer acts.
   */
  ticketConfirmationTimeoutMs: ms.nullable().default(null),
  /**
   * Share of repairs that overrun: the carrier pushes expectedResolutionDate back and resolves slowRepairExtraMs late.
   */
  slowRepairProbability: probability,
  slowRepairExtraMs: ms,
  /** The first N ticket creations (since the profile was set) create the ticket and then answer 503. */
  failFirstTicketCreates: z.number().int().min(0),
  /** TMF679: how long a qualification takes to answer (a slow carrier outlasts the buyer's deadline). */
  qualifyDelayMs: ms.default(0),
  /** TMF679: how long the carrier stands by a qualification's answer (its expirationDate). */
  qualificationValidityMs: z
    .number()
    .int()
    .min(1)
    .default(24 * 60 * 60 * 1000),
  /** TMF679: postcodes starting with any of these (spaces ignored, any case) are not served: unqualified. */
  unservedPostcodePrefixes: z.array(z.string()).default([]),
  /**
   * TMF679: what the carrier sells everywhere else. An item gets the cheapest entry of its product offering (any, when
   * it names none) with at least its bandwidth; the other such entries are its alternate proposals.
   */
  qualificationCatalogue: z.array(SimCatalogueEntrySchema).default(defaultCatalogue),
});
export type BehaviourProfile = z.infer<typeof BehaviourProfileSchema>;

const noFaults = {
  errorRate: 0,
  timeoutRate: 0,
  hangMs: 0,
  submitErrorRate: 0,
  failFirstSubmits: 0,
  failFirstTicketCreates: 0,
  rejectSubmit: null,
  duplicateNotifications: 0,
  outOfOrderNotifications: 0,
} satisfies Partial<BehaviourProfile>;

/**
 * Slow enough for a person to watch an order go from acknowledged to completed, or a ticket to resolved, in the
 * dashboard.
 */
export const demoProfile: BehaviourProfile = {
  name: 'demo',
  seed: 622,
  ackDelayMs: 1_000,
  commitDelayMs: 3_000,
  progressDelayMs: 4_000,
  completeDelayMs: 8_000,
  resumeAfterHoldMs: 10_000,
  cancelStepDelayMs: 2_000,
  leadTimeDays: 10,
  lateByDays: 3,
  outcomeWeights: { completed: 80, held: 5, pending: 5, failed: 5, rejected: 5 },
  lateDeliveryProbability: 0.2,
  missedMilestoneProbability: 0,
  ...noFaults,
  outOfOrderMaxHoldMs: 5_000,
  notificationRetries: 4,
  notificationBackoffMs: 500,
  notificationTimeoutMs: 5_000,
  ticketAckDelayMs: 1_000,
  ticketProgressDelayMs: 3_000,
  ticketResolveDelayMs: 15_000,
  ticketPendingProbability: 0.1,
  ticketPendingAfterMs: 5_000,
  ticketResumeAfterPendingMs: 10_000,
  ticketConfirmationTimeoutMs: null,
  slowRepairProbability: 0.2,
  slowRepairExtraMs: 15_000,
  qualifyDelayMs: 0,
  qualificationValidityMs: 24 * 60 * 60 * 1000,
  unservedPostcodePrefixes: [],
  qualificationCatalogue: defaultCatalogue,
};

/**
 * The demo carrier that runs late (npm start): it answers at once, then takes 6 minutes to deliver every order and 4
 * to restore every fault, longer than the demo's short OLAs allow.
 */
export const lateDemoProfile: BehaviourProfile = {
  ...demoProfile,
  name: 'late-demo',
  seed: 623,
  completeDelayMs: 6 * 60_000,
  outcomeWeights: { completed: 1, held: 0, pending: 0, failed: 0, rejected: 0 },
  lateDeliveryProbability: 1,
  ticketResolveDelayMs: 4 * 60_000,
  ticketPendingProbability: 0,
  slowRepairProbability: 0,
};

/**
 * For tests: every step takes tens of milliseconds, every order completes and every ticket is repaired on time, no
 * faults unless a test adds them.
 */
export const fastProfile: BehaviourProfile = {
  ...demoProfile,
  name: 'fast',
  seed: 1,
  ackDelayMs: 10,
  commitDelayMs: 20,
  progressDelayMs: 20,
  completeDelayMs: 30,
  resumeAfterHoldMs: 40,
  cancelStepDelayMs: 10,
  outcomeWeights: { completed: 1, held: 0, pending: 0, failed: 0, rejected: 0 },
  lateDeliveryProbability: 0,
  outOfOrderMaxHoldMs: 200,
  notificationRetries: 3,
  notificationBackoffMs: 10,
  notificationTimeoutMs: 1_000,
  ticketAckDelayMs: 10,
  ticketProgressDelayMs: 20,
  ticketResolveDelayMs: 30,
  ticketPendingProbability: 0,
  ticketPendingAfterMs: 10,
  ticketResumeAfterPendingMs: 40,
  slowRepairProbability: 0,
  slowRepairExtraMs: 50,
};

/** The demo carrier on a bad day: errors, slow answers, a double-create trap and messy notifications. */
export const flakyProfile: BehaviourProfile = {
  ...demoProfile,
  name: 'flaky',
  errorRate: 0.2,
  timeoutRate: 0.1,
  hangMs: 15_000,
  failFirstSubmits: 1,
  failFirstTicketCreates: 1,
  slowRepairProbability: 0.4,
  duplicateNotifications: 0.3,
  outOfOrderNotifications: 0.3,
};

export const profiles = { demo: demoProfile, fast: fastProfile, flaky: flakyProfile } as const;
export type ProfileName = keyof typeof profiles;
