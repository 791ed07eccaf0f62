import JSZip from 'jszip';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { formatDate, formatDateTime, isMessageKey, type Language, translate } from '../../shared/i18n';
import { unsafeDocumentBytes } from '../documents/documents';
import { pdfDocument, renderPdf } from '../reports/output';
import { type SubjectData, unsafeGatherSubjectData } from './gather';

/**
 * A subject access export: a ZIP with `subject.json` (everything, machine-readable), `summary.pdf` (the
 * same, readable, in the person's language) and the case documents under `documents/`. The export itself
 * is audited, naming the person and what was withheld.
 */
export async function exportSubject(
  ctx: ActorCtx,
  personId: string,
  options: { language?: Language; dataDir: string; organisationName: string },
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const data = await unsafeGatherSubjectData(ctx, personId);
  const preferred = data.person.preferred_language;
  const language: Language = options.language ?? (preferred === 'en' ? 'en' : 'lv');
  await recordAudit(ctx, {
    action: 'subject_access.export',
    entityType: 'person',
    entityId: personId,
    details: { documents: data.documents.length, withheld: data.withheld.map((w) => w.what), language },
  });
  const generatedAt = ctx.now.toISOString();
  const zip = new JSZip();
  zip.file(
    'subject.json',
    JSON.stringify({ generatedAt, organisation: options.organisationName, language, ...data }, null, 2),
  );
  zip.file('summary.pdf', await summaryPdf(data, language, options.organisationName, generatedAt));
  for (const document of data.documents) {
    const bytes = await unsafeDocumentBytes(options.dataDir, document.id).catch(() => null);
    if (bytes) zip.file(`documents/${document.id.slice(-8)}-${document.fileName}`, bytes);
  }
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const name = `${String(data.person.family_name)}-${String(data.person.given_name)}`.replace(
    /[^\p{L}\p{N}-]+/gu,
    '_',
  );
  return { fileName: `${translate(language, 'subject.fileName')}-${name}.zip`, bytes };
}

const text = (value: unknown) =>
  value === null || value === undefined || value === '' ? '—' : String(value);
const day = (value: unknown) => (value ? formatDate(String(value).slice(0, 10)) : '—');

async function summaryPdf(data: SubjectData, language: Language, organisation: string, generatedAt: string) {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(language, key, params);
  const table = (headers: string[], rows: unknown[][]) =>
    rows.length === 0
      ? { text: t('subject.none'), italics: true, margin: [0, 0, 0, 6] }
      : {
          table: {
            headerRows: 1,
            widths: headers.map((_, i) => (i === headers.length - 1 ? '*' : 'auto')),
            body: [headers.map((h) => ({ text: h, bold: true })), ...rows.map((r) => r.map((v) => text(v)))],
          },
          layout: 'lightHorizontalLines',
          fontSize: 8,
          margin: [0, 0, 0, 6],
        };
  const section = (title: string) => ({ text: title, style: 'section' });
  /** A stored code in words (`mother` → "māte"); the code itself when the catalogue has no word for it. */
  const named = (prefix: string, code: unknown) => {
    const key = `${prefix}.${String(code)}`;
    return isMessageKey(key) ? t(key) : text(code);
  };
  const p = data.person;
  const en = language === 'en';
  const content: unknown[] = [
    { text: organisation, style: 'organisation' },
    { text: t('subject.title'), style: 'title' },
    { text: `${text(p.given_name)} ${text(p.family_name)}`, bold: true },
    { text: t('subject.generated', { time: formatDateTime(generatedAt) }), style: 'meta' },
    section(t('subject.personal')),
    table(
      [t('subject.field'), t('subject.value')],
      [
        [t('subject.birth'), p.birth_date ? day(p.birth_date) : text(p.birth_year)],
        [t('subject.personalCode'), p.personal_code],
        [t('subject.contacts'), [p.phone, p.email].filter(Boolean).join(', ')],
        [t('subject.address'), [p.street, p.town, p.municipality].filter(Boolean).join(', ')],
        [t('subject.registered'), day(p.created_at)],
      ],
    ),
    section(t('subject.memberships')),
    table(
      [t('subject.family'), t('subject.relation'), t('subject.from'), t('subject.to')],
      data.memberships.map((m) => [
        m.family,
        named('relation', m.relation),
        day(m.joined_on),
        day(m.left_on),
      ]),
    ),
    section(t('subject.cases')),
    table(
      [t('subject.centre'), t('subject.status'), t('subject.from'), t('subject.to'), t('subject.keyWorker')],
      data.cases.map((c) => [
        c.centre,
        named('status', c.status),
        day(c.opened_on),
        day(c.closed_on),
        c.key_worker,
      ]),
    ),
    section(t('subject.activities', { count: data.activities.length })),
    table(
      [t('subject.date'), t('subject.activity'), t('subject.attendance'), t('subject.notes')],
      data.activities.map((a) => [
        day(a.occurs_on),
        en ? a.type_en : a.type_lv,
        a.attendance ? named('attendance', a.attendance) : null,
        a.notes_confidential ? t('subject.withheldConfidential') : a.notes,
      ]),
    ),
    section(t('subject.documents')),
    table(
      [t('subject.date'), t('subject.document')],
      data.documents.map((d) => [day(d.uploadedAt), d.fileName]),
    ),
    section(t('subject.accessLog', { count: data.accessLog.length })),
    table(
      [t('subject.date'), t('subject.who'), t('subject.action')],
      data.accessLog.map((a) => [
        formatDateTime(new Date(String(a.occurred_at)).toISOString()),
        a.actor,
        a.action,
      ]),
    ),
    section(t('subject.withheld')),
    data.withheld.length === 0
      ? { text: t('subject.none'), italics: true }
      : { ul: data.withheld.map((w) => t(`subject.withheld.${w.what}` as Parameters<typeof translate>[1])) },
    { text: t('subject.machineReadable'), style: 'meta', margin: [0, 12, 0, 0] },
  ];
  return renderPdf(
    pdfDocument(
      { title: t('subject.title'), author: organisation, creationDate: new Date(generatedAt) },
      content,
      9,
    ),
  );
}
