import { personalCodeCheckDigit } from '../../src/shared/personal-code';

/** A valid old-form personal code for a birth date (the serial varies the code). */
export function personalCode(birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const century = y!.startsWith('19') ? '1' : '2';
  const ten = `${d}${m}${y!.slice(2)}${century}${String(serial).padStart(3, '0')}`;
  return `${ten.slice(0, 6)}-${ten.slice(6)}${personalCodeCheckDigit(ten)}`;
}
