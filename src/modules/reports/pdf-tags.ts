import { createRequire } from 'node:module';

/**
 * Tagged PDF (issue 18, item 1: "tagging for accessibility"): the report's logical structure (headings,
 * paragraphs, tables with header cells, figures with a text alternative) written into the file as a
 * structure tree, so that a screen reader announces "heading level 2", reads a table by row and column,
 * and skips the running header and footer.
 *
 * pdfmake lays the document out but writes no structure. PDFKit, which it draws with, can (marked content
 * and structure elements). What joins the two:
 *
 * - The definition says which element each piece of text belongs to: `tagged(tag, text)` gives text runs
 *   that carry a `PdfTag`, a node of a tree built alongside the definition (`new PdfTag('Document')`,
 *   `tag.add('H1')`, `table.add('TR').add('TH')`). pdfmake copies a text run's own properties onto every
 *   word it lays out, so each line it draws still knows its element. A canvas shape carries one the same way
 *   (`pdfTag` on the shape: a chart's bars belong to its `Figure`).
 * - While pdfmake draws (its `Renderer`, extended below only for documents created with `tagged: true`),
 *   each line and shape is wrapped in marked content: its element's, or an artifact (table rules, the
 *   running header and footer marked `artifact`, decoration, a table's header row repeated on a later page).
 * - After the last page the tree is written in the order it was built, which is the reading order, with
 *   each element's marked content from whichever pages it fell on.
 *
 * A line in a tagged document that carries no tag is not lost: it becomes a paragraph of its own at the end
 * of the structure (the subject-access PDFs, which are not built with tags, are read that way).
 */
export class PdfTag {
  readonly children: PdfTag[] = [];
  /** PDFKit's marked-content references, one per line or shape drawn for this element. */
  readonly contents: unknown[] = [];
  readonly root: PdfTag;

  constructor(
    readonly role: string,
    parent: PdfTag | null = null,
    /** A text alternative (a figure's). */
    readonly alt?: string,
  ) {
    this.root = parent ? parent.root : this;
  }

  /** A child element (`H1`, `P`, `Table`, `TR`, `TH`, `TD`, `Figure`, `Sect`...), in reading order. */
  add(role: string, alt?: string): PdfTag {
    const child = new PdfTag(role, this, alt);
    this.children.push(child);
    return child;
  }
}

/** Text runs of one element: each run keeps pdfmake's own properties (bold...) and carries the tag. */
export function tagged(
  tag: PdfTag,
  text: string | (string | Record<string, unknown>)[],
): Record<string, unknown>[] {
  return (Array.isArray(text) ? text : [text]).map((run) =>
    typeof run === 'string' ? { text: run, pdfTag: tag } : { ...run, pdfTag: tag },
  );
}

/** Text that is page furniture (running header, page numbers): marked as a pagination artifact. */
export function artifact(text: string): Record<string, unknown>[] {
  return [{ text, pdfArtifact: 'Pagination' }];
}

// --- pdfmake's renderer, extended for tagged documents ---------------------------------------------------

interface Marking {
  markStructureContent(role: string): unknown;
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
  struct(role: string, options?: Record<string, unknown>): StructElement;
  addStructure(element: StructElement): void;
  options: { tagged?: boolean };
}
interface StructElement {
  add(child: unknown): void;
  end(): void;
}
interface Inline {
  pdfTag?: PdfTag;
  pdfArtifact?: string;
}
interface RendererPrototype {
  pdfDocument: Marking;
  renderPages(pages: unknown[]): void;
  renderLine(line: { inlines: Inline[] }, x: number, y: number): void;
  renderVector(vector: Inline): void;
}

/**
 * Per document being drawn: the trees its content belongs to, untagged lines, and the lines drawn so far
 * (by their runs, which pdfmake shares between a line and its copies).
 */
const drawn = new WeakMap<
  Marking,
  { roots: Set<PdfTag>; untagged: PdfTag | null; lines: WeakSet<Inline[]> }
>();

function stateOf(doc: Marking) {
  let state = drawn.get(doc);
  if (!state) {
    state = { roots: new Set(), untagged: null, lines: new WeakSet() };
    drawn.set(doc, state);
  }
  return state;
}

/** Draws `draw` as the content of `tag`, or as an artifact of the given type. */
function marked(doc: Marking, tag: PdfTag | null, artifactType: string | null, draw: () => void): void {
  if (!tag) {
    doc.markContent('Artifact', artifactType ? { type: artifactType } : {});
    draw();
    doc.endMarkedContent();
    return;
  }
  const content = doc.markStructureContent(tag.role);
  draw();
  doc.endMarkedContent();
  tag.contents.push(content);
  stateOf(doc).roots.add(tag.root);
}

/** PDFKit's structure element for a tag and, below it, its children and then its content. */
function structure(doc: Marking, tag: PdfTag): StructElement {
  const element = doc.struct(tag.role, tag.alt ? { alt: tag.alt } : {});
  for (const child of tag.children) element.add(structure(doc, child));
  for (const content of tag.contents) element.add(content);
  element.end();
  return element;
}

const require = createRequire(import.meta.url);
const Renderer = (require('pdfmake/js/Renderer.js') as { default: { prototype: RendererPrototype } }).default;
const { renderPages, renderLine, renderVector } = Renderer.prototype;

Renderer.prototype.renderLine = function (this: RendererPrototype, line, x, y) {
  const doc = this.pdfDocument;
  if (!doc.options.tagged) return renderLine.call(this, line, x, y);
  const state = stateOf(doc);
  // A table's header row repeated at the top of a later page: a copy of a line already read.
  if (state.lines.has(line.inlines))
    return marked(doc, null, 'Pagination', () => renderLine.call(this, line, x, y));
  state.lines.add(line.inlines);
  const run = line.inlines.find((inline) => inline.pdfTag || inline.pdfArtifact);
  let tag = run?.pdfTag ?? null;
  if (!tag && !run?.pdfArtifact) {
    // Untagged text: a paragraph of its own, after the tagged structure.
    state.untagged ??= new PdfTag('Document');
    tag = state.untagged.add('P');
  }
  marked(doc, tag, run?.pdfArtifact ?? null, () => renderLine.call(this, line, x, y));
};

Renderer.prototype.renderVector = function (this: RendererPrototype, vector) {
  const doc = this.pdfDocument;
  if (!doc.options.tagged) return renderVector.call(this, vector);
  // Rules, borders and lines to sign on are layout; a chart's shapes belong to its figure.
  marked(doc, vector.pdfTag ?? null, vector.pdfTag ? null : 'Layout', () => renderVector.call(this, vector));
};

Renderer.prototype.renderPages = function (this: RendererPrototype, pages) {
  renderPages.call(this, pages);
  const doc = this.pdfDocument;
  const state = drawn.get(doc);
  if (!doc.options.tagged || !state) return;
  for (const root of state.roots) doc.addStructure(structure(doc, root));
  if (state.untagged) doc.addStructure(structure(doc, state.untagged));
};
