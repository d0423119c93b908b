import { Button, type ButtonProps } from '@patternfly/react-core';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler } from 'react-router';

type LinkButtonProps = Omit<ButtonProps, 'component' | 'href' | 'onClick'> & { to: string };

/** A PatternFly button that is a real link (so it opens in a new tab too) and navigates in the console's router. */
export const LinkButton = ({ to, children, ...rest }: LinkButtonProps) => {
  const href = useHref(to);
  const onClick = useLinkClickHandler(to);
  return (
    <Button
      {...rest}
      component="a"
      href={href}
      onClick={(e: MouseEvent<HTMLButtonElement>) =>
        onClick(e as unknown as MouseEvent<HTMLAnchorElement>)
      }
    >
      {children}
    </Button>
  );
};
