import { describe, expect, it } from 'vitest';
import { detectFileType, sanitiseFileName } from './file-type';

const zipWith = (...names: string[]) =>
  Buffer.concat([
    Buffer.from('PK\u0003\u0004'),
    Buffer.alloc(26),
    ...names.map((n) => Buffer.from(`${n}\u0000`)),
  ]);

describe('file types are judged by content', () => {
  it('tells apart PDF, images, Office Open XML, OpenDocument, legacy Office and text', () => {
    expect(detectFileType(Buffer.from('%PDF-1.4 ...'))?.extension).toBe('pdf');
    expect(detectFileType(Buffer.from('ffd8ffe000104a464946', 'hex'))?.mediaType).toBe('image/jpeg');
    expect(detectFileType(zipWith('[Content_Types].xml', 'word/document.xml'))?.extension).toBe('docx');
    expect(detectFileType(zipWith('[Content_Types].xml', 'xl/workbook.xml'))?.extension).toBe('xlsx');
    expect(
      detectFileType(Buffer.from('PK\u0003\u0004xxxxmimetypeapplication/vnd.oasis.opendocument.text'))
        ?.extension,
    ).toBe('odt');
    expect(detectFileType(Buffer.from('d0cf11e0a1b11ae1', 'hex'))?.extension).toBe('doc');
    expect(detectFileType(Buffer.from('Vārds;Uzvārds\nAnna;Kalniņa\n'))?.mediaType).toBe('text/plain');
  });

  it('refuses what it cannot recognise: programs, archives, binary data', () => {
    expect(detectFileType(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]))).toBeNull();
    expect(detectFileType(zipWith('payload.exe'))).toBeNull();
    expect(detectFileType(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBeNull();
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
