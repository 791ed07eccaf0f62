import { expect, it } from 'vitest';
import { dimensionValue } from '../../shared/contracts/reports';
import type { RenderedReport } from './sections';
import { toCsv } from './sections';

const budget: RenderedReport = {
  title: 'Budžets',
  subtitle: '',
  sections: [
    {
      title: 'Izdevumi',
      headers: ['Pozīcija', 'Summa', 'Daļa', 'Ģimenes'],
      kinds: ['text', 'money', 'percent', 'number'],
      rows: [
        ['=HYPERLINK("http://example.com","Klikšķini")', -1250, 0.125, 129],
        ['+371 2000 0000', 123456, 1, 0],
        ['-2+3', 0, null, 12.5],
        ['@SUM(A1)', 1, 0, 1],
        ['\tTelpu īre', 2, 0, 2],
        ['Telpu īre, Bauska; Valmiera', 3, 0, 3],
      ],
    },
  ],
};

/* Issue 18, item 3: CSV for the spreadsheet of the report's language, formula-like cells neutralised. */
it('writes Latvian CSV with semicolons, decimal commas and euros, no cell a spreadsheet would run', () => {
  const csv = toCsv(budget, 'lv');
  expect(csv.startsWith('\ufeff')).toBe(true);
  expect(csv.slice(1).trim().split('\r\n')).toEqual([
    'Sadaļa;Pozīcija;Summa (€);Daļa (%);Ģimenes',
    `Izdevumi;"'=HYPERLINK(""http://example.com"",""Klikšķini"")";-12,50;12,5;129`,
    "Izdevumi;'+371 2000 0000;1234,56;100;0",
    "Izdevumi;'-2+3;0,00;;12,5",
    "Izdevumi;'@SUM(A1);0,01;0;1",
    "Izdevumi;'\tTelpu īre;0,02;0;2",
    'Izdevumi;"Telpu īre, Bauska; Valmiera";0,03;0;3',
  ]);
});

it('writes English CSV with commas and decimal points', () => {
  const lines = toCsv(budget, 'en').slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('Section,Pozīcija,Summa (€),Daļa (%),Ģimenes');
  expect(lines[1]).toBe(`Izdevumi,"'=HYPERLINK(""http://example.com"",""Klikšķini"")",-12.50,12.5,129`);
  expect(lines[6]).toBe('Izdevumi,"Telpu īre, Bauska; Valmiera",0.03,0,3');
});

/* Issue 18, item 1 and issue 17, item 5: no raw codes in an output, a type by its name in the language. */
it('names built-in activity types in the report’s language and leaves an organisation’s own as named', () => {
  expect(dimensionValue('lv', 'activity_type', 'support_group_session')).toBe('Atbalsta grupas nodarbība');
  expect(dimensionValue('en', 'activity_type', 'camp')).toBe('Camp');
  expect(dimensionValue('en', 'activity_type', 'Ģimeņu pikniks')).toBe('Ģimeņu pikniks');
  expect(dimensionValue('lv', 'centre', 'camp')).toBe('camp');
});
