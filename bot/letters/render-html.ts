import type { DocBlock, DocumentContent } from './document-model';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A line break per newline, everything escaped: the preview never interprets case text as markup. */
const lines = (text: string) => escape(text).replace(/\n/g, '<br>');

function block(p: DocBlock): string {
  switch (p.type) {
    case 'letterhead':
      return `<p class="letterhead">${lines(p.text)}</p>`;
    case 'address':
      return `<p class="address">${lines(p.text)}</p>`;
    case 'meta':
      return `<p class="meta">${lines(p.text)}</p>`;
    case 'heading':
      return p.level === 1 ? `<h2>${lines(p.text)}</h2>` : `<h3>${lines(p.text)}</h3>`;
    case 'text':
      return `<p>${lines(p.text)}</p>`;
    case 'bullet':
      return `<li>${lines(p.text)}</li>`;
    case 'field':
      return (
        `<div class="field"><span class="label">${lines(p.text)}</span>` +
        `<span class="answer" data-lines="${p.lines ?? 1}">${p.value ? lines(p.value) : ''}</span></div>`
      );
    case 'checkbox':
      return `<p class="checkbox">&#9744; ${lines(p.text)}</p>`;
    case 'table':
      return (
        `<table><caption>${lines(p.text)}</caption><thead><tr>${p.header.map((h) => `<th>${lines(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${p.rows.map((r) => `<tr>${r.map((c) => `<td>${lines(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      );
    case 'signature':
      return `<p class="signature">${lines(p.text)}</p>`;
  }
}

/** An HTML fragment for the tab's preview (it is shown inside the tab's own page, so no <html>). */
export function renderHtml(doc: DocumentContent): string {
  const out: string[] = [];
  let inList = false;
  for (const p of doc.paragraphs) {
    if (p.type === 'bullet' && !inList) out.push('<ul>');
    if (p.type !== 'bullet' && inList) out.push('</ul>');
    inList = p.type === 'bullet';
    out.push(block(p));
  }
  if (inList) out.push('</ul>');
  const marking = doc.marking ? `<p class="marking">${escape(doc.marking)}</p>` : '';
  return `<article class="letter" data-kind="${escape(doc.kind)}">${marking}${out.join('')}</article>`;
}
