import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A PDF as people read it: the text of each page (pdf.js), and the document's metadata. */
export async function pdfText(
  bytes: Uint8Array,
): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
          .join('')
          .replace(/[ \t]+\n/g, '\n'),
      );
    }
    const { info } = await document.getMetadata();
    return { pages, info: info as Record<string, unknown> };
  } finally {
    await task.destroy();
  }
}

/** An element of a tagged PDF's structure tree, with the text of its own marked content. */
export interface PdfElement {
  role: string;
  alt?: string;
  text: string;
  children: PdfElement[];
}

/**
 * A tagged PDF as a screen reader gets it (pdf.js): whether it declares itself tagged, each page's
 * structure tree with the text of every element, the text marked as artifacts (skipped), and any text
 * outside marked content (which a checker would fail).
 */
export async function pdfStructure(
  bytes: Uint8Array,
): Promise<{ marked: boolean; pages: PdfElement[]; artifacts: string[]; untagged: string[] }> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const document = await task.promise;
  try {
    const pages: PdfElement[] = [];
    const artifacts: string[] = [];
    const untagged: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const texts = new Map<string, string>();
      const open: { tag: string; id: string | null }[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent')
            open.push({ tag: (item as { tag?: string }).tag ?? '', id: item.id ?? null });
          if (item.type === 'endMarkedContent') open.pop();
          continue;
        }
        const mark = open.at(-1);
        if (mark?.id) texts.set(mark.id, `${texts.get(mark.id) ?? ''}${item.str}${item.hasEOL ? ' ' : ''}`);
        else if (!item.str.trim()) continue;
        else if (!mark) untagged.push(item.str);
        else if (mark.tag === 'Artifact') artifacts.push(item.str);
      }
      type Node = { role?: string; alt?: string; type?: string; id?: string; children?: Node[] };
      const element = (node: Node): PdfElement => {
        const children = node.children ?? [];
        return {
          role: node.role ?? '',
          ...(node.alt ? { alt: node.alt } : {}),
          text: children
            .filter((child) => child.type === 'content')
            .map((child) => texts.get(child.id!) ?? '')
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
          children: children.filter((child) => child.role).map(element),
        };
      };
      pages.push(element((await page.getStructTree()) as Node));
    }
    const marked = Boolean(((await document.getMarkInfo()) as { Marked?: boolean } | null)?.Marked);
    return { marked, pages, artifacts, untagged };
  } finally {
    await task.destroy();
  }
}
