/** The organisation whose dashboard this is. */
export interface Organisation {
  name: string;
  /** IANA time zone every time on screen is shown in, e.g. `America/New_York`. */
  timeZone: string;
  /** BCP 47 locale used to format dates and numbers. */
  locale: string;
}

/** Dates and numbers are formatted for US English until organisations carry a locale. */
export const DEFAULT_LOCALE = 'en-US';
