import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import { type Language, type MessageKey, translate } from '../../shared/i18n';
import { indicatorKeys } from '../../shared/indicators';
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
 * Accessibility: the document declares its language and shows its title; pdfmake writes no structure
 * tree (headings, tables) into the file, so a screen reader reads it as plain text in reading order.
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
  const content: unknown[] = [
    { text: organisation, style: 'organisation' },
    { text: reportName, style: 'kind' },
    { text: rendered.title, style: 'title' },
    ...(extras.funders?.length ? [{ text: `${t('report.funders')}: ${extras.funders.join('; ')}` }] : []),
    { text: `${t('report.period')}: ${rendered.subtitle}` },
    {
      text: [
        generatedLine(language, generatedAt),
        extras.preparedBy ? ` · ${t('report.preparedBy', { name: extras.preparedBy })}` : '',
        ` · ${t(`app.language.${language}`)}`,
      ].join(''),
      style: 'meta',
    },
  ];
  rendered.sections.forEach((section, index) => {
    content.push(...sectionBlock(section, language));
    // The charts right after the targets: how far the project got, and how it got there.
    if (kind === 'project-results' && index === 0) {
      const results = input.report as ProjectResults;
      const chart = plannedAgainstAchieved(results, t);
      if (chart) content.push(chart);
      const planned = results.indicators.find((r) => r.key === 'families_reached' && r.by === null)?.planned;
      if (extras.quarterly) content.push(...quarterlyChart(extras.quarterly, planned ?? null, t));
    }
  });
  if (kind === 'project-results') {
    if (extras.budget) {
      content.push({ text: t('report.budgetTitle'), style: 'part', pageBreak: 'before' });
      for (const section of sectionsOf('budget', extras.budget, language).sections)
        content.push(...sectionBlock(section, language));
    }
    content.push({ text: t('report.definitions'), style: 'part', pageBreak: 'before' });
    for (const key of indicatorKeys)
      content.push({
        text: [{ text: `${t(`indicator.${key}`)}. `, bold: true }, t(`indicatorDefinition.${key}`)],
        margin: [0, 0, 0, 4],
      });
  }
  content.push(signatureBlock(t, extras.preparedBy));
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
            text: `${organisation} · ${rendered.title.split(' · ')[0]} · ${reportName}`,
            style: 'running',
            margin: [40, 20, 40, 0],
          },
    footer: (page: number, pages: number) => ({
      text: t('report.page', { page, pages }),
      style: 'running',
      alignment: 'center',
      margin: [40, 15, 40, 0],
    }),
  });
}

/** A section's heading and table; numbers right-aligned in the report's language. */
function sectionBlock(section: Section, language: Language): unknown[] {
  return [
    { text: section.title, style: 'section' },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: section.headers.map((_, i) => (i === 0 ? '*' : 'auto')),
        body: [
          section.headers.map((h) => ({ text: h, bold: true })),
          ...section.rows.map((row) =>
            row.map((value, i) => {
              const kind = section.kinds?.[i] ?? 'text';
              return { text: cellText(value, kind, language), alignment: kind === 'text' ? 'left' : 'right' };
            }),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 9,
    },
  ];
}

type T = (key: string, params?: Record<string, string | number>) => string;

/** Planned against achieved for each target: two bars per indicator, to the same scale, with the numbers. */
function plannedAgainstAchieved(results: ProjectResults, t: T): unknown | null {
  const rows = results.indicators.filter((r) => r.by === null && r.planned !== null);
  if (rows.length === 0) return null;
  const numeric = (v: unknown) => (typeof v === 'number' ? v : 0);
  const max = Math.max(1, ...rows.flatMap((r) => [r.planned ?? 0, numeric(r.achieved)]));
  const width = 260;
  const bar = (value: number, colour: string) => ({
    canvas: [{ type: 'rect', x: 0, y: 1, w: Math.max(1, (value / max) * width), h: 7, color: colour }],
  });
  return {
    stack: [
      { text: t('results.chartTargets'), style: 'section' },
      {
        table: {
          widths: ['*', width + 4, 'auto'],
          body: rows.flatMap((r) => [
            [
              { text: t(`indicator.${r.key}`), rowSpan: 2 },
              bar(r.planned ?? 0, colours.planned),
              { text: `${t('report.planned')} ${r.planned}`, fontSize: 8 },
            ],
            [
              '',
              bar(numeric(r.achieved), colours.achieved),
              { text: `${t('report.achieved')} ${r.achieved}`, fontSize: 8 },
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
 * target (dashed), with the figures written out beneath.
 */
function quarterlyChart(quarterly: QuarterlyReport, planned: number | null, t: T): unknown[] {
  const quarters = quarterly.quarters;
  if (quarters.length === 0) return [];
  const width = 440;
  const height = 120;
  const max = Math.max(1, planned ?? 0, ...quarters.map((q) => q.cumulative_families));
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
  return [
    {
      stack: [
        { text: t('report.quarterlyTitle'), style: 'section' },
        {
          canvas: [
            {
              type: 'line',
              x1: 0,
              y1: height,
              x2: width,
              y2: height,
              lineWidth: 0.5,
              lineColor: colours.axis,
            },
            { type: 'line', x1: 0, y1: 0, x2: 0, y2: height, lineWidth: 0.5, lineColor: colours.axis },
            ...target,
            { type: 'polyline', points, lineWidth: 2, lineColor: colours.achieved },
            ...points.map((p) => ({
              type: 'ellipse',
              x: p.x,
              y: p.y,
              r1: 2,
              r2: 2,
              color: colours.achieved,
            })),
          ],
          margin: [0, 4, 0, 4],
        },
        {
          text: [
            `${t('report.cumulativeFamilies')}: ${quarters.map((q) => `${q.quarter} ${q.cumulative_families}`).join(' · ')}`,
            planned === null ? '' : ` (${t('report.planned')} ${planned}, - - -)`,
          ].join(''),
          fontSize: 8,
        },
      ],
      unbreakable: true,
    },
  ];
}

/** Who prepared the report and lines to sign and date it. */
function signatureBlock(t: T, preparedBy: string | undefined): unknown {
  const line = (label: string) => ({
    columns: [
      { text: label, width: 120 },
      { canvas: [{ type: 'line', x1: 0, y1: 12, x2: 220, y2: 12, lineWidth: 0.5 }] },
    ],
    margin: [0, 10, 0, 0],
  });
  return {
    stack: [
      { text: t('report.signature'), style: 'section' },
      ...(preparedBy ? [{ text: t('report.preparedBy', { name: preparedBy }) }] : []),
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
