import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_NESTING, nestingDepth, PolicyError, parsePolicy, validatePolicy } from './parse-policy.js';
import { selectOlas, selectPolicyVersion } from './select.js';
import { loadTemplate, templatesDir } from './test-fixtures.js';

describe('policy templates', () => {
  it.each(fs.readdirSync(templatesDir).filter((f) => /\.ya?ml$/.test(f)))(
    'parses %s and resolves its calendars',
    (file) => {
      const { policy, calendars } = loadTemplate(file);
      expect(policy.olas.length).toBeGreaterThan(3);
      for (const ola of policy.olas)
        if (ola.target.kind !== 'clockDuration') expect(calendars[ola.calendar!]).toBeDefined();
      // The same document as JSON gives the same policy.
      const json = JSON.stringify(parsePolicy(fs.readFileSync(path.join(templatesDir, file), 'utf8')));
      expect(validatePolicy(JSON.parse(json))).toEqual(policy);
    },
  );
});

const minimal = `id: test
version: 1
effectiveFrom: 2026-01-01
calendars:
  office: { timeZone: Europe/London, holidayRegion: GB-ENG }
olas:
  - id: ack
    metric: orderAcknowledgement
    appliesTo: { entity: order }
    stop: { state: acknowledged }
    calendar: office
    target: { kind: businessDuration, hours: 4 }
`;

function issues(text: string, format?: 'yaml' | 'json') {
  try {
    parsePolicy(text, format);
  } catch (e) {
    if (e instanceof PolicyError) return e.issues;
    throw e;
  }
  throw new Error('expected the policy to be rejected');
}

describe('policy documents', () => {
  it('fills in defaults: start when the carrier accepted it, stop at its claimed time (5 min tolerance), cancel on cancelled/rejected, 50/75/90 jeopardy, office hours', () => {
    const p = parsePolicy(minimal);
    expect(p.olas[0]).toMatchObject({
      start: [{ event: 'submitted' }],
      stop: [{ state: ['acknowledged'] }],
      cancel: [{ state: ['cancelled', 'rejected'] }],
      pause: [],
      jeopardy: [50, 75, 90],
      stopTime: 'claimed',
      claimTolerance: { minutes: 5, seconds: 0 },
      target: { kind: 'businessDuration', hours: 4, minutes: 0 },
    });
    expect(p.calendars.office!.workingHours.mon).toEqual([{ start: '09:00', end: '17:30' }]);
  });

  it('reports shape errors with path, message and line', () => {
    const bad = minimal
      .replace('hours: 4 }', 'hours: 4, minutes: 1.5 }')
      .replace('version: 1', 'version: one')
      .replace('kind: businessDuration', 'kind: businessDuration, extra: 1');
    expect(issues(bad)).toEqual([
      { path: 'version', message: 'Invalid input: expected number, received string', line: 2 },
      { path: 'olas[0].target.minutes', message: 'must be a whole number', line: 12 },
      { path: 'olas[0].target', message: 'Unrecognized key: "extra"', line: 12 },
    ]);
    expect(issues(minimal.replace('kind: businessDuration', 'kind: hours'))).toEqual([
      {
        path: 'olas[0].target.kind',
        message: expect.stringContaining('kind must be one of businessDuration'),
        line: 12,
      },
    ]);
  });

  it('reports references and states that do not exist', () => {
    const bad = minimal
      .replace('stop: { state: acknowledged }', 'stop: { state: [acknowledged, done] }')
      .replace('calendar: office', 'calendar: offices')
      .replace('hours: 4 }', 'hours: 4 }\n    penalty: { clause: late-ack }');
    expect(issues(bad)).toEqual([
      { path: 'olas[0].calendar', message: "unknown calendar 'offices' (known: office)", line: 11 },
      {
        path: 'olas[0].penalty.clause',
        message: "unknown penalty clause 'late-ack' (define it under penaltyClauses)",
        line: 13,
      },
      {
        path: 'olas[0].stop[0].state[1]',
        message: expect.stringMatching(/^'done' is not a order state \(acknowledged, inProgress/),
        line: 10,
      },
    ]);
  });

  it('reports YAML and JSON syntax errors', () => {
    expect(issues('id: [unclosed\n')[0]).toMatchObject({ path: '', line: expect.any(Number) });
    expect(issues('{"id": ', 'json')[0]!.message).toMatch(/^not valid JSON/);
    expect(issues('id: a\nid: b\n')[0]!.message).toMatch(/unique/i);
  });

  it('rejects committed-date targets on tickets and a calendar-less business target', () => {
    const ticket = minimal
      .replace('entity: order', 'entity: ticket')
      .replace('kind: businessDuration, hours: 4', 'kind: committedDate');
    expect(issues(ticket).map((i) => i.path)).toEqual(['olas[0].target.kind']);
    expect(issues(minimal.replace('    calendar: office\n', '')).map((i) => i.message)).toEqual([
      'a businessDuration target needs a calendar: set one here or in defaults.calendar',
    ]);
  });
});

describe('OLAs for changes and ceases', () => {
  const twoDeliveries = `${minimal}  - id: cease-delivery
    metric: orderDelivery
    appliesTo: { entity: order, actions: [delete] }
    stop: { state: completed }
    target: { kind: clockDuration, hours: 720 }
  - id: delivery
    metric: orderDelivery
    appliesTo: { entity: order }
    stop: { state: completed }
    target: { kind: clockDuration, hours: 1080 }
`;

  it('measures a cease by the OLA listed for its action, and anything else by the general one', () => {
    const policy = parsePolicy(twoDeliveries);
    const ids = (action?: 'add' | 'modify' | 'delete') =>
      selectOlas(policy, { kind: 'order', product: 'ETH-100', action }).map((o) => o.id);
    expect(ids('delete')).toEqual(['ack', 'cease-delivery']);
    expect(ids('modify')).toEqual(['ack', 'delivery']);
    expect(ids('add')).toEqual(['ack', 'delivery']);
    expect(ids()).toEqual(['ack', 'delivery']);
  });

  it('refuses actions on a ticket OLA, naming the field', () => {
    const onTicket = minimal.replace(
      'appliesTo: { entity: order }',
      'appliesTo: { entity: ticket, actions: [delete] }',
    );
    expect(issues(onTicket).map((i) => i.path)).toContain('olas[0].appliesTo.actions');
  });
});

describe('hostile policy documents', () => {
  const issueOf = (text: string, format?: 'yaml' | 'json') => {
    try {
      parsePolicy(text, format);
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      return (e as PolicyError).issues[0]!.message;
    }
    throw new Error('parsed');
  };

  it('refuses an alias bomb as invalid, not as a crash', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const previous = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    expect(issueOf(levels.join('\n'))).toMatch(/alias/i);
  });

  it('refuses a document nested deeper than a policy could be, before parsing it', () => {
    const block = Array.from({ length: 20_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    const flow = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const dashes = `${'- '.repeat(20_000)}x`;
    for (const text of [block, flow, dashes]) expect(issueOf(text)).toContain(`deeper than ${MAX_POLICY_NESTING}`);
    expect(issueOf(`{"olas": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`, 'json')).toContain('deeper');
  });

  it('counts the templates as the shallow documents they are', () => {
    for (const file of fs.readdirSync(templatesDir)) {
      expect(nestingDepth(fs.readFileSync(path.join(templatesDir, file), 'utf8'))).toBeLessThan(10);
    }
  });
});

describe('selectPolicyVersion', () => {
  const versions = [
    { version: 1, effectiveFrom: '2026-01-01' },
    { version: 2, effectiveFrom: '2026-06-01' },
    { version: 3, effectiveFrom: '2026-06-01T12:00:00+01:00' },
  ];
  it('picks the version in force when the order was placed', () => {
    expect(selectPolicyVersion(versions, '2025-12-31T23:59:59Z')).toBeUndefined();
    expect(selectPolicyVersion(versions, '2026-03-01T00:00:00Z')?.version).toBe(1);
    expect(selectPolicyVersion(versions, '2026-06-01T10:59:59Z')?.version).toBe(2);
    expect(selectPolicyVersion(versions, '2026-06-01T11:00:00Z')?.version).toBe(3);
    expect(
      selectPolicyVersion([...versions, { version: 4, effectiveFrom: '2026-01-01' }], '2026-03-01T00:00:00Z')?.version,
    ).toBe(4);
  });
});
