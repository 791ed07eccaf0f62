import { describe, expect, it } from 'vitest';
import { familyNameFromSurname, surnamePluralGenitive } from './names';

/* Issue 17, item 3: a family is named by the plural genitive of its surname, from either gender's form. */
describe('the plural genitive of Latvian surnames', () => {
  it.each([
    ['Ozols', 'Ozolu'],
    ['Ozola', 'Ozolu'],
    ['Bērziņš', 'Bērziņu'],
    ['Bērziņa', 'Bērziņu'],
    ['Kalniņš', 'Kalniņu'],
    ['Kalniņa', 'Kalniņu'],
    ['Liepa', 'Liepu'],
    ['Jansons', 'Jansonu'],
    ['Jansone', 'Jansonu'],
    ['Pētersons', 'Pētersonu'],
    ['Pētersone', 'Pētersonu'],
    ['Zvirbulis', 'Zvirbuļu'],
    ['Zvirbule', 'Zvirbuļu'],
    ['Briedis', 'Briežu'],
    ['Briede', 'Briežu'],
    ['Lācis', 'Lāču'],
    ['Eglītis', 'Eglīšu'],
    ['Eglīte', 'Eglīšu'],
    ['Gulbis', 'Gulbju'],
    ['Mednis', 'Medņu'],
    ['Balodis', 'Baložu'],
    ['Balode', 'Baložu'],
    ['Ābele', 'Ābeļu'],
    ['Čakste', 'Čakstu'],
    ['Kalējs', 'Kalēju'],
    ['Krūmiņa', 'Krūmiņu'],
    ['Grīnberga', 'Grīnbergu'],
    ['Ziemele', 'Ziemeļu'],
    ['Dzene', 'Dzeņu'],
    ['Baltais', 'Balto'],
    ['Baltā', 'Balto'],
    ['Ozola-Liepiņa', 'Ozolu-Liepiņu'],
    ['Smith', 'Smith'],
  ])('%s → %s', (surname, genitive) => {
    expect(surnamePluralGenitive(surname)).toBe(genitive);
  });

  it('names the family', () => {
    expect(familyNameFromSurname('Pētersone')).toBe('Pētersonu ģimene');
    expect(familyNameFromSurname('Kalniņš')).toBe('Kalniņu ģimene');
  });
});
