import { useEffect, useRef, type ReactNode } from 'react';
import { useCommonStyles } from './styles';

let navigatedOnce = false;

/**
 * A view's frame: its one h1, the document title, and focus moved to the heading when the view is reached
 * by navigation (not on the first load), so keyboard and screen-reader users land at the top of it.
 */
export function Page({
  title,
  heading,
  children,
}: {
  title: string;
  heading?: ReactNode;
  children: ReactNode;
}) {
  const styles = useCommonStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - ASB Case Review`;
    if (navigatedOnce) ref.current?.focus();
    navigatedOnce = true;
  }, [title]);
  return (
    <>
      <h1 className={styles.h1} tabIndex={-1} ref={ref}>
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
