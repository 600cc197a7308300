/** TMF621 TroubleTicket statuses, as Tailgate tracks them for a fault ticket. */
export const ticketStatuses = ['acknowledged', 'inProgress', 'pending', 'held', 'resolved', 'closed', 'cancelled', 'rejected'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
