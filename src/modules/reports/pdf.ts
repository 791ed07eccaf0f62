import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import { type Language, type MessageKey, translate } from '../../shared/i18n';
import { indicatorKeys } from '../../shared/indicators';
import { artifact, PdfTag, tagged } from './pdf-tags';
import type { BudgetReport, ProjectResults, QuarterlyReport } from './reports';
import {
  cellText,
  generatedLine,
  type RenderedReport,
  type ReportKind,
  type Section,
  sectionsOf,
} from './sections';

const require = createRequire(import.meta.url);
const fontDir = dirname(require.resolve('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf'));
pdfmake.setFonts({
  Roboto: {
    normal: `${fontDir}/Roboto-Regular.ttf`,
    bold: `${fontDir}/Roboto-Medium.ttf`,
    italics: `${fontDir}/Roboto-Italic.ttf`,
    bolditalics: `${fontDir}/Roboto-MediumItalic.ttf`,
  },
});
// Reports never fetch anything: no URLs, and local files only from the font directory.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));

/** What a finished PDF adds to the report's own figures (issue 18, item 1). */
export interface PdfExtras {
  /** Who generated it: named above the signature lines. */
  preparedBy?: string;
  /** The project's funders, named on the cover. */
  funders?: string[];
  /** With project results: the budget and co-financing section, for those who may see the money. */
  budget?: BudgetReport;
  /** With project results: the quarterly progress chart. */
  quarterly?: QuarterlyReport;
}

const colours = { planned: '#868e96', achieved: '#0b7285', axis: '#495057' };

/**
 * A finished report for a funder: a cover block (organisation, report, project, funders, period, when and
 * by whom it was generated), a running header and "page N of M" on every page, the report's sections
 * (project results: the targets first, then the breakdowns with translated names), for project results
 * the charts of planned against achieved and of quarterly progress, the budget and co-financing, the
 * indicator definitions as an annex and a signature block; the document's title, author, subject,
 * creation date and language in its metadata.
 *
 * Accessibility: a tagged PDF (`pdf-tags.ts`). The document declares its language and shows its title;
 * its structure tree has the title as the first-level heading, parts and sections as headings below it,
 * every table with its header cells, the charts as figures with their figures in words as the text
 * alternative, and the running header, page numbers and rules as artifacts a screen reader skips.
 */
export async function toPdf(input: {
  kind: ReportKind;
  rendered: RenderedReport;
  report: unknown;
  language: Language;
  organisation: string;
  generatedAt: Date;
  extras: PdfExtras;
}): Promise<Uint8Array> {
  const { kind, rendered, language, organisation, generatedAt, extras } = input;
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(language, key as MessageKey, params);
  const reportName = kind === 'scope-results' ? t('report.scopeTitle') : t(`reportKind.${kind}`);
  const doc = new PdfTag('Document');
  const paragraph = (text: string, style?: string) => ({ text: tagged(doc.add('P'), text), style });
  const content: unknown[] = [
    paragraph(organisation, 'organisation'),
    paragraph(reportName, 'kind'),
    { text: tagged(doc.add('H1'), rendered.title), style: 'title' },
    ...(extras.funders?.length ? [paragraph(`${t('report.funders')}: ${extras.funders.join('; ')}`)] : []),
    paragraph(`${t('report.period')}: ${rendered.subtitle}`),
    paragraph(
      [
        generatedLine(language, generatedAt),
        extras.preparedBy ? ` · ${t('report.preparedBy', { name: extras.preparedBy })}` : '',
        ` · ${t(`app.language.${language}`)}`,
      ].join(''),
      'meta',
    ),
  ];
  rendered.sections.forEach((section, index) => {
    content.push(...sectionBlock(section, language, doc.add('Sect'), 'H2'));
    // The charts right after the targets: how far the project got, and how it got there.
    if (kind === 'project-results' && index === 0) {
      const results = input.report as ProjectResults;
      const chart = plannedAgainstAchieved(results, t, doc);
      if (chart) content.push(chart);
      const planned = results.indicators.find((r) => r.key === 'families_reached' && r.by === null)?.planned;
      if (extras.quarterly) content.push(...quarterlyChart(extras.quarterly, planned ?? null, t, doc));
    }
  });
  if (kind === 'project-results') {
    if (extras.budget) {
      const part = doc.add('Sect');
      content.push({
        text: tagged(part.add('H2'), t('report.budgetTitle')),
        style: 'part',
        pageBreak: 'before',
      });
      for (const section of sectionsOf('budget', extras.budget, language).sections)
        content.push(...sectionBlock(section, language, part.add('Sect'), 'H3'));
    }
    const annex = doc.add('Sect');
    content.push({
      text: tagged(annex.add('H2'), t('report.definitions')),
      style: 'part',
      pageBreak: 'before',
    });
    for (const key of indicatorKeys)
      content.push({
        text: tagged(annex.add('P'), [
          { text: `${t(`indicator.${key}`)}. `, bold: true },
          t(`indicatorDefinition.${key}`),
        ]),
        margin: [0, 0, 0, 4],
      });
  }
  content.push(signatureBlock(t, extras.preparedBy, doc.add('Sect')));
  const definition = pdfDocument(
    {
      title: rendered.title,
      author: organisation,
      subject: reportName,
      creationDate: generatedAt,
    },
    content,
    10,
  );
  return renderPdf({
    ...definition,
    language: language === 'lv' ? 'lv-LV' : 'en-GB',
    displayTitle: true,
    pageMargins: [40, 50, 40, 50],
    // The running header names the organisation, the project's code (not its long title) and the report.
    header: (page: number) =>
      page === 1
        ? null
        : {
            text: artifact(`${organisation} · ${rendered.title.split(' · ')[0]} · ${reportName}`),
            style: 'running',
            margin: [40, 20, 40, 0],
          },
    footer: (page: number, pages: number) => ({
      text: artifact(t('report.page', { page, pages })),
      style: 'running',
      alignment: 'center',
      margin: [40, 15, 40, 0],
    }),
  });
}

/**
 * A section's heading and table; numbers right-aligned in the report's language. Tagged as a heading of
 * the given level and a table whose first row holds the column headers.
 */
function sectionBlock(section: Section, language: Language, sect: PdfTag, heading: 'H2' | 'H3'): unknown[] {
  const title = sect.add(heading);
  const table = sect.add('Table');
  const header = table.add('TR');
  return [
    { text: tagged(title, section.title), style: 'section' },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: section.headers.map((_, i) => (i === 0 ? '*' : 'auto')),
        body: [
          section.headers.map((h) => ({ text: tagged(header.add('TH'), h), bold: true })),
          ...section.rows.map((row) => {
            const tr = table.add('TR');
            return row.map((value, i) => {
              const kind = section.kinds?.[i] ?? 'text';
              return {
                text: tagged(tr.add('TD'), cellText(value, kind, language)),
                alignment: kind === 'text' ? 'left' : 'right',
              };
            });
          }),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 9,
    },
  ];
}

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * Planned against achieved for each target: two bars per indicator, to the same scale, with the numbers.
 * Tagged as a heading and a figure whose text alternative gives every pair of numbers.
 */
function plannedAgainstAchieved(results: ProjectResults, t: T, doc: PdfTag): unknown | null {
  const rows = results.indicators.filter((r) => r.by === null && r.planned !== null);
  if (rows.length === 0) return null;
  const numeric = (v: unknown) => (typeof v === 'number' ? v : 0);
  const max = Math.max(1, ...rows.flatMap((r) => [r.planned ?? 0, numeric(r.achieved)]));
  const width = 260;
  const sect = doc.add('Sect');
  const heading = sect.add('H2');
  const figure = sect.add(
    'Figure',
    rows
      .map(
        (r) =>
          `${t(`indicator.${r.key}`)}: ${t('report.planned')} ${r.planned}, ${t('report.achieved')} ${r.achieved}`,
      )
      .join('; '),
  );
  const bar = (value: number, colour: string) => ({
    canvas: [
      {
        type: 'rect',
        x: 0,
        y: 1,
        w: Math.max(1, (value / max) * width),
        h: 7,
        color: colour,
        pdfTag: figure,
      },
    ],
  });
  return {
    stack: [
      { text: tagged(heading, t('results.chartTargets')), style: 'section' },
      {
        table: {
          widths: ['*', width + 4, 'auto'],
          body: rows.flatMap((r) => [
            [
              { text: tagged(figure, t(`indicator.${r.key}`)), rowSpan: 2 },
              bar(r.planned ?? 0, colours.planned),
              { text: tagged(figure, `${t('report.planned')} ${r.planned}`), fontSize: 8 },
            ],
            [
              '',
              bar(numeric(r.achieved), colours.achieved),
              { text: tagged(figure, `${t('report.achieved')} ${r.achieved}`), fontSize: 8 },
            ],
          ]),
        },
        layout: 'noBorders',
        fontSize: 9,
      },
    ],
    unbreakable: true,
  };
}

/**
 * Families reached cumulatively, quarter by quarter: a line over the project's quarters against the
 * target (dashed), with the figures written out beneath. Tagged as a heading, a figure (the line, its
 * text alternative the figures) and the paragraph of figures.
 */
function quarterlyChart(quarterly: QuarterlyReport, planned: number | null, t: T, doc: PdfTag): unknown[] {
  const quarters = quarterly.quarters;
  if (quarters.length === 0) return [];
  const width = 440;
  const height = 120;
  const max = Math.max(1, planned ?? 0, ...quarters.map((q) => q.cumulative_families));
  const figures = [
    `${t('report.cumulativeFamilies')}: ${quarters.map((q) => `${q.quarter} ${q.cumulative_families}`).join(' · ')}`,
    planned === null ? '' : ` (${t('report.planned')} ${planned}, - - -)`,
  ].join('');
  const sect = doc.add('Sect');
  const heading = sect.add('H2');
  const figure = sect.add('Figure', figures);
  const caption = sect.add('P');
  const target =
    planned === null
      ? []
      : [
          {
            type: 'line',
            x1: 0,
            y1: height - (planned / max) * height,
            x2: width,
            y2: height - (planned / max) * height,
            lineWidth: 1,
            dash: { length: 4 },
            lineColor: colours.planned,
          },
        ];
  const step = quarters.length > 1 ? width / (quarters.length - 1) : 0;
  const points = quarters.map((q, i) => ({
    x: i * step,
    y: height - (q.cumulative_families / max) * height,
  }));
  const shapes = [
    { type: 'line', x1: 0, y1: height, x2: width, y2: height, lineWidth: 0.5, lineColor: colours.axis },
    { type: 'line', x1: 0, y1: 0, x2: 0, y2: height, lineWidth: 0.5, lineColor: colours.axis },
    ...target,
    { type: 'polyline', points, lineWidth: 2, lineColor: colours.achieved },
    ...points.map((p) => ({ type: 'ellipse', x: p.x, y: p.y, r1: 2, r2: 2, color: colours.achieved })),
  ];
  return [
    {
      stack: [
        { text: tagged(heading, t('report.quarterlyTitle')), style: 'section' },
        { canvas: shapes.map((shape) => ({ ...shape, pdfTag: figure })), margin: [0, 4, 0, 4] },
        { text: tagged(caption, figures), fontSize: 8 },
      ],
      unbreakable: true,
    },
  ];
}

/** Who prepared the report and lines to sign and date it (the lines themselves are layout). */
function signatureBlock(t: T, preparedBy: string | undefined, sect: PdfTag): unknown {
  const line = (label: string) => ({
    columns: [
      { text: tagged(sect.add('P'), label), width: 120 },
      { canvas: [{ type: 'line', x1: 0, y1: 12, x2: 220, y2: 12, lineWidth: 0.5 }] },
    ],
    margin: [0, 10, 0, 0],
  });
  return {
    stack: [
      { text: tagged(sect.add('H2'), t('report.signature')), style: 'section' },
      ...(preparedBy ? [{ text: tagged(sect.add('P'), t('report.preparedBy', { name: preparedBy })) }] : []),
      line(t('report.signedBy')),
      line(t('report.signedOn')),
    ],
    unbreakable: true,
    margin: [0, 20, 0, 0],
  };
}

/** An A4 document with the house styles: organisation line, title, meta line, section headings. */
export function pdfDocument(
  info: { title: string; author: string; subject?: string; creationDate: Date },
  content: unknown[],
  fontSize: number,
): Record<string, unknown> {
  return {
    info: { creator: 'Atbalsts', producer: 'Atbalsts', ...info },
    // A tagged PDF (see pdf-tags.ts): marked content and a structure tree.
    tagged: true,
    version: '1.7',
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    content,
    styles: {
      organisation: { fontSize: 10, color: '#444444' },
      kind: { fontSize: 11, color: '#444444', margin: [0, 2, 0, 0] },
      title: { fontSize: 15, bold: true, margin: [0, 4, 0, 4] },
      meta: { fontSize: 8, color: '#444444', margin: [0, 2, 0, 8] },
      part: { fontSize: 13, bold: true, margin: [0, 0, 0, 6] },
      section: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      running: { fontSize: 8, color: '#555555' },
    },
    defaultStyle: { font: 'Roboto', fontSize },
  };
}

/** A PDF from a pdfmake document definition, with the fonts and the no-fetching policy set up above. */
export async function renderPdf(definition: Record<string, unknown>): Promise<Uint8Array> {
  return new Uint8Array(await pdfmake.createPdf(definition).getBuffer());
}
