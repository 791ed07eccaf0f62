import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipWith } from '../../../test/helpers/zip';
import { detectFileType, sanitiseFileName } from './file-type';

const odt = () =>
  zipWith(['mimetype', 'application/vnd.oasis.opendocument.text'], 'content.xml', 'META-INF/manifest.xml');

describe('file types are judged by content', () => {
  it('tells apart PDF, images, Office Open XML, OpenDocument, legacy Office and text', () => {
    expect(detectFileType(Buffer.from('%PDF-1.4 ...'))?.extension).toBe('pdf');
    expect(detectFileType(Buffer.from('ffd8ffe000104a464946', 'hex'))?.mediaType).toBe('image/jpeg');
    expect(detectFileType(zipWith('[Content_Types].xml', 'word/document.xml'))?.extension).toBe('docx');
    expect(detectFileType(zipWith('[Content_Types].xml', 'xl/workbook.xml'))?.extension).toBe('xlsx');
    expect(
      detectFileType(zipWith('[Content_Types].xml', 'xl/workbook.xml', 'xl/printerSettings/p1.bin'))
        ?.extension,
    ).toBe('xlsx');
    expect(detectFileType(Buffer.from('d0cf11e0a1b11ae1', 'hex'))?.extension).toBe('doc');
    expect(detectFileType(Buffer.from('Vārds;Uzvārds\nAnna;Kalniņa\n'))?.mediaType).toBe('text/plain');
  });

  it('refuses what it cannot recognise: programs, archives, binary data', () => {
    expect(detectFileType(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]))).toBeNull();
    expect(detectFileType(zipWith('payload.exe'))).toBeNull();
    expect(detectFileType(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBeNull();
  });

  it('refuses an Office file whose inner structure does not match its kind', () => {
    const docx = ['[Content_Types].xml', 'word/document.xml'];
    expect(detectFileType(zipWith(...docx))?.extension).toBe('docx');
    expect(detectFileType(zipWith(...docx, 'word/media/setup.exe'))).toBeNull();
    expect(detectFileType(zipWith(...docx, '../../etc/cron.d/x'))).toBeNull();
    expect(detectFileType(zipWith(...docx, '/absolute.xml'))).toBeNull();
    expect(detectFileType(zipWith(...docx, 'word\\..\\evil.xml'))).toBeNull();
    expect(detectFileType(zipWith(...docx, 'word/vbaProject.bin'))).toBeNull();
    // The marker file alone, or with a folder name but not the document part, is not a .docx.
    expect(detectFileType(zipWith('[Content_Types].xml', 'word/'))).toBeNull();
    // Names in local headers without the central directory are not a zip.
    expect(detectFileType(zipWith(...docx).subarray(0, 80))).toBeNull();
  });

  it('accepts a real spreadsheet written by a zip library, compressed entries and all', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Ģimenes').addRow(['Anna', 3]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(detectFileType(bytes)?.extension).toBe('xlsx');
  });

  it('reads OpenDocument files by their mimetype entry and parts', () => {
    expect(detectFileType(odt())?.extension).toBe('odt');
    expect(
      detectFileType(zipWith(['mimetype', 'application/vnd.oasis.opendocument.text'], 'content.xml')),
    ).toBeNull();
  });
});

describe('file names are sanitised', () => {
  const pdf = { mediaType: 'application/pdf', extension: 'pdf' };
  it('drops directories, reserved characters and leading dots, keeps Latvian letters', () => {
    expect(sanitiseFileName('C:\\Users\\x\\..\\Lēmums <2026>.pdf', pdf)).toBe('Lēmums 2026.pdf');
    expect(sanitiseFileName('....slēpts.PDF', pdf)).toBe('slēpts.pdf');
    expect(sanitiseFileName('', pdf)).toBe('dokuments.pdf');
    expect(sanitiseFileName('atskaite 2026.03', pdf)).toBe('atskaite 2026.03.pdf');
  });
  it('refuses a name whose extension contradicts the content', () => {
    expect(sanitiseFileName('bilde.jpg', pdf)).toBeNull();
    expect(sanitiseFileName('foto.jpeg', { mediaType: 'image/jpeg', extension: 'jpg' })).toBe('foto.jpeg');
  });
});
