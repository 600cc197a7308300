let seq = 0;

export function partnerInput(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    name: `Carrier ${seq}`,
    country: 'GB',
    defaultCurrency: 'GBP',
    adapter: { orderingApi: 'tmf622-v4', baseUrl: 'http://127.0.0.1:9/tmf-api' },
    escalation: [{ level: 1, name: 'Service desk', channel: 'email', address: 'noc@carrier.example' }],
    calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
    ...overrides,
  };
}
