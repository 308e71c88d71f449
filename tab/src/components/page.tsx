import { useEffect, useRef, type ReactNode } from 'react';
import { useCommonStyles } from './styles';

let navigatedOnce = false;

/**
 * A view's frame: its one h1, the document title, and focus moved to the heading when the view is reached
 * by navigation (not on the first load), so keyboard and screen-reader users land at the top of it. A view
 * whose title follows live content (the meeting stage) sets `followFocus={false}`: a change nobody on that
 * screen asked for must not move their focus (it announces itself through its live region instead).
 */
export function Page({
  title,
  heading,
  children,
  followFocus = true,
}: {
  title: string;
  heading?: ReactNode;
  children: ReactNode;
  followFocus?: boolean;
}) {
  const styles = useCommonStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - ASB Case Review`;
    if (navigatedOnce && followFocus) ref.current?.focus();
    navigatedOnce = true;
  }, [title, followFocus]);
  return (
    <>
      <h1 className={styles.h1} tabIndex={-1} ref={ref}>
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
