import { describe, expect, it } from 'vitest';
import { normalisePersonalCode, parsePersonalCode, personalCodeCheckDigit } from './personal-code';

describe('Latvian personal codes', () => {
  it('accepts valid old-form codes with or without the hyphen and reads the birth date', () => {
    expect(parsePersonalCode('121282-11210')).toEqual({
      ok: true,
      code: '121282-11210',
      birthDate: '1982-12-12',
    });
    expect(parsePersonalCode('28079412344')).toEqual({
      ok: true,
      code: '280794-12344',
      birthDate: '1994-07-28',
    });
    const tenDigits = '0103152012';
    const code = `${tenDigits}${personalCodeCheckDigit(tenDigits)}`;
    expect(parsePersonalCode(code)).toMatchObject({ ok: true, birthDate: '2015-03-01' });
  });

  it('names what is wrong: shape, date, century or checksum', () => {
    expect(parsePersonalCode('12128211210x')).toEqual({ ok: false, problem: 'shape' });
    expect(parsePersonalCode('1212-82')).toEqual({ ok: false, problem: 'shape' });
    expect(parsePersonalCode('310282-11210')).toEqual({ ok: false, problem: 'date' });
    expect(parsePersonalCode('121282-31210')).toEqual({ ok: false, problem: 'century' });
    expect(parsePersonalCode('121282-11211')).toEqual({ ok: false, problem: 'checksum' });
  });

  it('checks only the shape of new-form codes, which carry no birth date', () => {
    expect(parsePersonalCode('320010-10002')).toEqual({ ok: true, code: '320010-10002', birthDate: null });
    expect(parsePersonalCode('32001010003')).toEqual({ ok: true, code: '320010-10003', birthDate: null });
    expect(parsePersonalCode('3200101000')).toEqual({ ok: false, problem: 'shape' });
  });

  it('normalises spaces and hyphens', () => {
    expect(normalisePersonalCode(' 121282 11210 ')).toBe('121282-11210');
    expect(normalisePersonalCode('abc')).toBeNull();
  });
});
