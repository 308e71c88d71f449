import { Fragment, createElement, useMemo, type ReactNode } from 'react';
import { previewClass, previewTreatment } from '../letter-logic';

/**
 * The server's preview fragment as React elements, never as innerHTML: parsed into an inert document,
 * then only allowed elements (with their class) are rebuilt; scripts, frames, forms and the like are dropped
 * with their content, and anything else unknown keeps only its text.
 */
export function LetterHtml({ html }: { html: string }) {
  const nodes = useMemo(() => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return Array.from(doc.body.childNodes, (n, i) => toReact(n, i));
  }, [html]);
  return <>{nodes}</>;
}

function toReact(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const treatment = previewTreatment(el.tagName);
  if (treatment === 'drop') return null;
  const children = Array.from(el.childNodes, (n, i) => toReact(n, i));
  if (treatment === 'unwrap') return <Fragment key={key}>{children}</Fragment>;
  const tag = el.tagName.toLowerCase();
  const className = previewClass(el.getAttribute('class'));
  return tag === 'br'
    ? createElement('br', { key })
    : createElement(tag, { key, ...(className ? { className } : {}) }, ...children);
}
