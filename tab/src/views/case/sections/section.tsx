import type { ReactNode } from 'react';
import { useCommonStyles } from '../../../components/styles';

/** A part of the case page: a section named by its heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const common = useCommonStyles();
  return (
    <section aria-labelledby={id} className={common.section}>
      <h2 id={id} className={common.h2}>
        {title}
      </h2>
      {children}
    </section>
  );
}
