import { CsvError, parse } from 'csv-parse/sync';
import type { Finding } from '@carecast/shared/contracts';
import { type CheckContext, checkContent, checkReply } from '@carecast/shared/compliance';

/** The input could not be read; `line` is the line of the file where reading stopped. */
export class CsvInputError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export interface CheckedRow {
  id: string;
  blocked: boolean;
  rules: string[];
}

/** Every finding for a text published both as a post and as a public reply. */
export function findingsForText(text: string, ctx: CheckContext): Finding[] {
  return [
    ...checkContent(
      {
        kind: 'post',
        texts: [{ field: 'text', text, channel: null, language: 'en' }],
        media: [],
        link: null,
      },
      ctx,
    ),
    ...checkReply(text, ctx, { field: 'text' }),
  ];
}

/** Read `id,text` rows (any other columns are ignored) and check each text. */
export function checkCsv(input: string, ctx: CheckContext): CheckedRow[] {
  let records: Array<Record<string, string>>;
  try {
    records = parse(input, { columns: true, bom: true, skip_empty_lines: true, trim: false });
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      throw new CsvInputError(
        line,
        err.message.replace(/^Invalid Record Length: |^Invalid Opening Quote: /, ''),
      );
    }
    throw err;
  }
  const header = input.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = parse(header, { to_line: 1 })[0] as string[] | undefined;
  if (!columns || !columns.includes('id') || !columns.includes('text')) {
    throw new CsvInputError(1, `expected a header with the columns id and text, found "${header}"`);
  }
  return records.map((record) => {
    const findings = findingsForText(record['text'] ?? '', ctx);
    return {
      id: record['id'] ?? '',
      blocked: findings.some((f) => f.severity === 'block'),
      rules: [...new Set(findings.map((f) => f.rule))],
    };
  });
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `id,blocked,rules` with blocked 1/0 and the rules joined by ";". */
export function toCsv(rows: CheckedRow[]): string {
  const lines = ['id,blocked,rules'];
  for (const r of rows)
    lines.push([csvField(r.id), r.blocked ? '1' : '0', csvField(r.rules.join(';'))].join(','));
  return `${lines.join('\n')}\n`;
}

/** A practice with no published details: everything that looks like contact details is reported. */
export const NO_ORGANISATION: CheckContext = {
  organisation: { name: '', phones: [], emails: [], addresses: [], websites: [], staffNames: [] },
  requireSpanishForAlerts: false,
};

/** The practice's details from a JSON file, as CheckContext or just its `organisation`. */
export function contextFromJson(json: string): CheckContext {
  const parsed = JSON.parse(json) as Partial<CheckContext> & Partial<CheckContext['organisation']>;
  const org = (parsed.organisation ?? parsed) as Partial<CheckContext['organisation']>;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    organisation: {
      name: typeof org.name === 'string' ? org.name : '',
      phones: list(org.phones),
      emails: list(org.emails),
      addresses: list(org.addresses),
      websites: list(org.websites),
      staffNames: list(org.staffNames),
    },
    requireSpanishForAlerts: Boolean(parsed.requireSpanishForAlerts),
  };
}
