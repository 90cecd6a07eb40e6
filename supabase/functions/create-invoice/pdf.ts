// The invoice PDF: A4 pages drawn with pdf-lib and its standard fonts (built into the
// package, nothing fetched at run time). Every amount is a decimal string from the
// database, formatted without arithmetic. The output depends only on the invoice
// (dates in the metadata come from when it was posted), so rendering it twice gives
// the same bytes.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'npm:pdf-lib@1.17.1';
import { formatDecimal, formatMoney, formatQuantity, formatUnitPrice } from './format.ts';

export interface InvoiceLineDoc {
  description: string;
  quantity: string;
  unit_price: string;
  discount_pct: string;
  tax_rate: string;
  net_amount: string;
}

export interface InvoiceDoc {
  orgName: string;
  number: string;
  invoiceDate: string;
  dueDate: string | null;
  currency: string;
  customerName: string;
  customerEmail: string | null;
  billingAddress: string[];
  salesOrderNumber: string | null;
  notes: string | null;
  subtotal: string;
  taxTotal: string;
  total: string;
  postedAt: string;
  lines: InvoiceLineDoc[];
}

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const BOTTOM = 70;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.42, 0.44, 0.48);
const RULE = rgb(0.8, 0.82, 0.85);

// Table columns: description on the left, the figures right-aligned at these edges.
const DESC_X = MARGIN;
const DESC_WIDTH = 220;
const COLUMNS = [
  { title: 'Qty', right: 330 },
  { title: 'Unit price', right: 400 },
  { title: 'Disc. %', right: 445 },
  { title: 'Tax %', right: 485 },
  { title: 'Net', right: PAGE[0] - MARGIN },
] as const;

const charSets = new WeakMap<PDFFont, Set<number>>();

/** Keeps what the font can draw (WinAnsi); anything else becomes "?". */
function drawable(font: PDFFont, text: string): string {
  let set = charSets.get(font);
  if (!set) charSets.set(font, (set = new Set(font.getCharacterSet())));
  let out = '';
  for (const ch of text.replace(/[\r\t]/g, ' ')) {
    out += ch === '\n' || set.has(ch.codePointAt(0)!) ? ch : '?';
  }
  return out;
}

/** Splits text into lines no wider than `width` (long words are cut). */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export async function renderInvoicePdf(inv: InvoiceDoc): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const posted = new Date(inv.postedAt);
  doc.setTitle(`Invoice ${inv.number}`);
  doc.setAuthor(drawable(font, inv.orgName));
  doc.setSubject(`Invoice ${inv.number} for ${drawable(font, inv.customerName)}`);
  doc.setCreator('Ledgerline');
  doc.setProducer('Ledgerline (pdf-lib)');
  doc.setCreationDate(posted);
  doc.setModificationDate(posted);

  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;

  const text = (s: string, x: number, atY: number, size = 9, f: PDFFont = font, color = INK) =>
    page.drawText(drawable(f, s), { x, y: atY, size, font: f, color });
  const right = (s: string, edge: number, atY: number, size = 9, f: PDFFont = font, color = INK) => {
    const t = drawable(f, s);
    page.drawText(t, { x: edge - f.widthOfTextAtSize(t, size), y: atY, size, font: f, color });
  };
  const rule = (atY: number) =>
    page.drawLine({ start: { x: MARGIN, y: atY }, end: { x: PAGE[0] - MARGIN, y: atY }, thickness: 0.6, color: RULE });

  const tableHeader = () => {
    text('Description', DESC_X, y, 8, bold, MUTED);
    for (const c of COLUMNS) right(c.title, c.right, y, 8, bold, MUTED);
    rule(y - 5);
    y -= 18;
  };
  const newPage = (first: boolean) => {
    page = doc.addPage(PAGE);
    pages.push(page);
    y = PAGE[1] - MARGIN;
    if (!first) {
      text(`${inv.orgName}  ·  Invoice ${inv.number} (continued)`, MARGIN, y, 9, bold);
      y -= 30;
      tableHeader();
    }
  };

  // Header: who issues it, the document's identity, who it is for.
  newPage(true);
  const top = y;
  text(inv.orgName, MARGIN, top - 14, 16, bold);
  right('INVOICE', PAGE[0] - MARGIN, top - 16, 20, bold);
  const facts: [string, string][] = [
    ['Invoice number', inv.number],
    ['Invoice date', inv.invoiceDate],
    ['Due date', inv.dueDate ?? '-'],
    ['Currency', inv.currency],
  ];
  if (inv.salesOrderNumber) facts.push(['Sales order', inv.salesOrderNumber]);
  let fy = top - 44;
  for (const [label, value] of facts) {
    right(label, 440, fy, 9, font, MUTED);
    right(value, PAGE[0] - MARGIN, fy, 9, bold);
    fy -= 14;
  }
  let by = top - 44;
  text('Bill to', MARGIN, by, 9, font, MUTED);
  by -= 14;
  for (const [i, l] of [
    inv.customerName,
    ...inv.billingAddress,
    ...(inv.customerEmail ? [inv.customerEmail] : []),
  ].entries()) {
    for (const w of wrap(font, 10, drawable(font, l), 230)) {
      text(w, MARGIN, by, 10, i === 0 ? bold : font);
      by -= 13;
    }
  }
  y = Math.min(fy, by) - 24;
  tableHeader();

  // Lines.
  for (const line of inv.lines) {
    const desc = wrap(font, 9, drawable(font, line.description), DESC_WIDTH);
    const height = desc.length * 11 + 5;
    if (y - height < BOTTOM) newPage(false);
    desc.forEach((d, i) => text(d, DESC_X, y - i * 11));
    const figures = [
      formatQuantity(line.quantity),
      formatUnitPrice(line.unit_price),
      formatQuantity(line.discount_pct),
      formatQuantity(line.tax_rate),
      formatDecimal(line.net_amount, 2),
    ];
    figures.forEach((f, i) => right(f, COLUMNS[i]!.right, y));
    y -= height;
  }
  rule(y + 8);

  // Totals, then the notes.
  if (y - 60 < BOTTOM) newPage(false);
  y -= 10;
  const totals: [string, string, boolean][] = [
    ['Subtotal', formatMoney(inv.subtotal, inv.currency), false],
    ['Tax', formatMoney(inv.taxTotal, inv.currency), false],
    ['Total', formatMoney(inv.total, inv.currency), true],
  ];
  for (const [label, value, strong] of totals) {
    right(label, 440, y, strong ? 11 : 9, strong ? bold : font, strong ? INK : MUTED);
    right(value, PAGE[0] - MARGIN, y, strong ? 11 : 9, strong ? bold : font);
    y -= strong ? 18 : 14;
  }
  if (inv.notes) {
    y -= 16;
    const notes = wrap(font, 9, drawable(font, inv.notes), PAGE[0] - 2 * MARGIN);
    if (y - 14 < BOTTOM) newPage(false);
    text('Notes', MARGIN, y, 9, bold, MUTED);
    y -= 14;
    for (const n of notes) {
      if (y < BOTTOM) newPage(false);
      text(n, MARGIN, y);
      y -= 12;
    }
  }
  if (inv.dueDate) {
    y -= 16;
    if (y < BOTTOM) newPage(false);
    text(`Please pay ${formatMoney(inv.total, inv.currency)} by ${inv.dueDate}, quoting ${inv.number}.`, MARGIN, y);
  }

  pages.forEach((p, i) => {
    page = p;
    rule(BOTTOM - 30);
    text(`${inv.orgName}  ·  ${inv.number}`, MARGIN, BOTTOM - 44, 8, font, MUTED);
    right(`Page ${i + 1} of ${pages.length}`, PAGE[0] - MARGIN, BOTTOM - 44, 8, font, MUTED);
  });

  return doc.save({ useObjectStreams: false });
}
