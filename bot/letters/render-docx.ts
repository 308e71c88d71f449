import {
  AlignmentType,
  BorderStyle,
  CheckBox,
  Document,
  EditableRangeEnd,
  EditableRangeStart,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { cleanDeep } from '../app/clean-text';
import type { DocBlock, DocumentContent } from './document-model';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const runs = (text: string, bold = false) =>
  text.split('\n').map((line, i) => new TextRun({ text: line, bold, ...(i > 0 ? { break: 1 } : {}) }));

const boxed = {
  top: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
  left: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
  right: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
};

/** A labelled box to write in; in a form it is an editable range of an otherwise protected document. */
function field(p: Extract<DocBlock, { type: 'field' }>, id: number, form: boolean): FileChild[] {
  const height = Math.max(1, p.lines ?? 1);
  const answer = p.value ?? '';
  const content = form
    ? [new EditableRangeStart(id), new TextRun(answer || ' '), new EditableRangeEnd(id)]
    : [new TextRun(answer)];
  return [
    new Paragraph({ children: runs(p.text, true), spacing: { before: 160, after: 60 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          height: { value: 360 * height, rule: 'atLeast' },
          children: [new TableCell({ borders: boxed, children: [new Paragraph({ children: content })] })],
        }),
      ],
    }),
  ];
}

function table(p: Extract<DocBlock, { type: 'table' }>): FileChild[] {
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (c) => new TableCell({ borders: boxed, children: [new Paragraph({ children: runs(c, header) })] }),
      ),
    });
  return [
    new Paragraph({ children: runs(p.text, true), spacing: { before: 160, after: 60 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [row(p.header, true), ...p.rows.map((r) => row(r, false))],
    }),
  ];
}

/** The .docx of a letter or of the panel papers. */
export async function renderDocx(content: DocumentContent): Promise<Buffer> {
  // Text recorded before the door cleaned it must not make a letter Word cannot open.
  const doc = cleanDeep(content) as DocumentContent;
  const form = !!doc.form;
  let rangeId = 0;
  const children: FileChild[] = [];
  for (const p of doc.paragraphs) {
    switch (p.type) {
      case 'letterhead':
        children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(p.text, true) }));
        break;
      case 'address':
        children.push(new Paragraph({ spacing: { before: 240, after: 240 }, children: runs(p.text) }));
        break;
      case 'meta':
        children.push(new Paragraph({ children: runs(p.text) }));
        break;
      case 'heading':
        children.push(
          new Paragraph({
            heading: p.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            children: runs(p.text),
          }),
        );
        break;
      case 'text':
        children.push(new Paragraph({ spacing: { after: 120 }, children: runs(p.text) }));
        break;
      case 'bullet':
        children.push(new Paragraph({ bullet: { level: 0 }, children: runs(p.text) }));
        break;
      case 'field':
        children.push(...field(p, ++rangeId, form));
        break;
      case 'checkbox': {
        const id = ++rangeId;
        const box = form
          ? [new EditableRangeStart(id), new CheckBox({ checked: false }), new EditableRangeEnd(id)]
          : [new CheckBox({ checked: false })];
        children.push(new Paragraph({ children: [...box, new TextRun(` ${p.text}`)] }));
        break;
      }
      case 'table':
        children.push(...table(p));
        break;
      case 'signature':
        children.push(new Paragraph({ spacing: { before: 240 }, children: runs(p.text) }));
        break;
    }
  }
  const document = new Document({
    title: doc.title,
    creator: 'ASB Case Review',
    // A form: everything but the answer boxes is protected, so the wording cannot be changed by accident.
    ...(form ? { protection: { type: 'readOnly' as const } } : {}),
    styles: { default: { document: { run: { font: 'Arial', size: 24 } } } },
    sections: [
      {
        ...(doc.marking
          ? {
              headers: {
                default: new Header({
                  children: [
                    new Paragraph({ alignment: AlignmentType.CENTER, children: runs(doc.marking, true) }),
                  ],
                }),
              },
              footers: {
                default: new Footer({
                  children: [
                    new Paragraph({ alignment: AlignmentType.CENTER, children: runs(doc.marking, true) }),
                  ],
                }),
              },
            }
          : {}),
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
