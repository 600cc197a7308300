import { describe, expect, it } from 'vitest';
import { layers } from '../eslint.config.js';

describe('the folder layers lint enforces (eslint.config.js)', () => {
  it('point one way: the folders each may import from form no loop, so no import loop between folders can pass lint', () => {
    const allowed = layers as Record<string, string[]>;
    const order: string[] = [];
    const visiting = new Set<string>();
    const visit = (folder: string, path: string[]): void => {
      if (order.includes(folder)) return;
      expect(visiting.has(folder), `loop: ${[...path, folder].join(' -> ')}`).toBe(false);
      visiting.add(folder);
      for (const below of allowed[folder] ?? []) visit(below, [...path, folder]);
      visiting.delete(folder);
      order.push(folder);
    };
    for (const folder of Object.keys(allowed)) visit(folder, []);
    expect(order.indexOf('sla-rules')).toBe(0);
    expect(allowed['sla-rules']).toEqual([]);
  });
});
