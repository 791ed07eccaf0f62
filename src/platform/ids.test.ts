import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('UUIDv7 ids', () => {
  it('are version 7, variant 1, and sort in the order made even within one millisecond', () => {
    const at = Date.UTC(2026, 10, 22);
    const ids = Array.from({ length: 50 }, () => newId(at));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(Number.parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(at);
  });
});
