import { expect, it } from 'vitest';
import { toCsv } from './sections';

it('writes CSV whose text cells a spreadsheet cannot run as formulas, numbers as they are', () => {
  const csv = toCsv({
    title: 'Budžets',
    subtitle: '',
    sections: [
      {
        title: 'Izdevumi',
        headers: ['Pozīcija', 'Summa'],
        rows: [
          ['=HYPERLINK("http://example.com","Klikšķini")', -1250],
          ['+371 2000 0000', 100],
          ['-2+3', 0],
          ['@SUM(A1)', 1],
          ['\tTelpu īre', 2],
          ['Telpu īre, Bauska', 3],
        ],
      },
    ],
  });
  const lines = csv.replace('\ufeff', '').trim().split('\r\n');
  expect(lines.slice(1)).toEqual([
    `Izdevumi,"'=HYPERLINK(""http://example.com"",""Klikšķini"")",-1250`,
    "Izdevumi,'+371 2000 0000,100",
    "Izdevumi,'-2+3,0",
    "Izdevumi,'@SUM(A1),1",
    "Izdevumi,'\tTelpu īre,2",
    'Izdevumi,"Telpu īre, Bauska",3',
  ]);
});
