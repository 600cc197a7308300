/** What the desk's task says about an update Tailgate refused: where it came from, what it was, and why. */
export const refusedReason = (report: { source: string; type: string }, detail: string | null | undefined): string =>
  `${report.source} ${report.type} refused: ${detail ?? 'not a valid change'}; take it up with the carrier`;
