/** <whatsapp-signup> in React's JSX: its attributes (kebab-case, as in HTML). Events are typed by the package. */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { WhatsappSignup } from 'whatsapp-signup';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'whatsapp-signup': DetailedHTMLProps<HTMLAttributes<WhatsappSignup>, WhatsappSignup> & {
        endpoint?: string;
        session?: string;
        'sdk-src'?: string;
        theme?: 'light' | 'dark' | 'auto';
        size?: 'small' | 'medium' | 'large';
        label?: string;
        locale?: string;
      };
    }
  }
}
