import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { toXlsx } from './output';

/* Issue 18, item 2: a workbook for people who pivot, read back cell by cell. */
it('writes whole numbers without a separator, money in euros, a frozen and filterable header', async () => {
  const bytes = await toXlsx(
    {
      title: 'Projekta rezultāti',
      subtitle: '01.11.2013–31.07.2015',
      sections: [
        {
          title: 'Rezultāti pa aktivitāšu veidiem',
          headers: ['Aktivitātes veids', 'Ģimenes', 'Stundas', 'Summa', 'Izpilde'],
          kinds: ['text', 'number', 'number', 'money', 'percent'],
          rows: [
            ['Nometne', 129, 122.5, 125050, 1.112],
            ['Mājas vizīte', 6, 3, 0, 0.5],
          ],
        },
      ],
    },
    'SOS Bērnu ciematu asociācija',
    'Sagatavots 02.03.2026 10:00',
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('Rezultāti pa aktivitāšu veidiem');
  expect(sheet.getRow(5).values).toEqual([
    undefined,
    'Aktivitātes veids',
    'Ģimenes',
    'Stundas',
    'Summa',
    'Izpilde',
  ]);
  expect(sheet.getCell('B6').value).toBe(129);
  expect(sheet.getColumn(2).numFmt).toBe('#,##0');
  expect(sheet.getColumn(3).numFmt).toBe('#,##0.0#');
  expect(sheet.getCell('D6').value).toBe(1250.5);
  expect(sheet.getColumn(4).numFmt).toBe('#,##0.00 "€"');
  expect(sheet.getColumn(5).numFmt).toBe('0.0%');
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
  // Read back from the file, the filter is the header row's range.
  expect(sheet.autoFilter).toBe('A5:E5');
});
