import { en, type Messages } from './en';

/**
 * The message catalogue. Every word the page shows comes from one catalogue per language;
 * a new language is a file that satisfies `Messages` (ko.ts next), added to CATALOGUES.
 */
export type { Messages };
export type Locale = 'en';

const CATALOGUES: Record<Locale, Messages> = { en };

/** The page's locale is English today; the hook is where a locale switch will plug in. */
export function useMessages(): Messages {
  return CATALOGUES.en;
}

/** For code outside React (formatters): the same catalogue. */
export function messages(locale: Locale = 'en'): Messages {
  return CATALOGUES[locale];
}
