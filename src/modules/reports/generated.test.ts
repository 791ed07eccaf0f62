import { expect, it } from 'vitest';
import { generatedLine } from './output';

/* Issue 18, item 1: a report says when it was made in Riga time, where it is read (it printed UTC). */
it('gives the generation date and time in Riga, in winter and in summer, in both languages', () => {
  expect(generatedLine('lv', new Date('2026-03-02T08:00:00Z'))).toBe(
    'Sagatavots 02.03.2026 10:00 (Rīgas laikā)',
  );
  // Summer time, after midnight in Riga while still the day before in UTC.
  expect(generatedLine('en', new Date('2026-07-01T21:30:00Z'))).toBe(
    'Generated 02.07.2026 00:30 (Riga time)',
  );
});
