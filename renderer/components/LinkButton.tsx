import { Link, type LinkProps } from 'react-aria-components';

/** A link that looks like a button: for actions that go to another screen. */
export function LinkButton({ variant = 'secondary', className, ...props }: LinkProps & { variant?: 'primary' | 'secondary' | 'quiet' }) {
  return <Link {...props} className={`button button--${variant}${className ? ` ${String(className)}` : ''}`} />;
}
