/** Totals kept per currency: several currencies are never summed together. */
export function totalsByCurrency(lines: readonly { amountMinor: number; currency: string }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of lines) {
    const total = (totals[line.currency] ?? 0) + line.amountMinor;
    if (!Number.isSafeInteger(total)) throw new RangeError(`the ${line.currency} total is too large`);
    totals[line.currency] = total;
  }
  return totals;
}
