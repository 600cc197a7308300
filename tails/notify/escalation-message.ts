import type { SlaFactRow } from '../../db/repositories/sla-facts.js';
import type { NotificationContext } from './notification-body.js';

const what = (fact: Pick<SlaFactRow, 'kind' | 'threshold'>) =>
  fact.kind === 'breach'
    ? 'breached'
    : fact.kind === 'predictedJeopardy'
      ? 'predicted late'
      : fact.kind === 'carrierJeopardy'
        ? 'at risk (the carrier says)'
        : `${fact.threshold}% of its target used`;

/** An escalation as people read it (e-mail, SMS or a call's script): who, which OLA, what happened, when. */
export function escalationMessage(
  fact: SlaFactRow,
  context: NotificationContext,
  level: number | null,
): { subject: string; text: string } {
  const label = `${fact.entityType === 'order' ? 'Order' : 'Ticket'} ${context.deskReference ?? fact.entityId}`;
  const subject = `[Tailgate] ${label}: ${context.ola.id} ${what(fact)}${context.partnerName ? ` (${context.partnerName})` : ''}`;
  const text = [
    `${label}${context.partnerReference ? ` (your reference ${context.partnerReference})` : ''}`,
    `OLA: ${context.ola.id} (${context.ola.metric})${context.ola.description ? `: ${context.ola.description}` : ''}`,
    `What: ${what(fact)} at ${fact.at}${fact.dueAt ? `; due ${fact.dueAt}` : ''}`,
    ...(level === null ? [] : [`Escalation level ${level}`]),
    `Tailgate ids: ${fact.entityType} ${fact.entityId}, fact ${fact.id}`,
  ].join('\n');
  return { subject, text };
}
