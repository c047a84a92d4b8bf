import type { Finding, FindingSeverity } from '@carecast/shared/contracts';

/** A piece of a text, marked when a finding covers it. */
export interface TextSegment {
  text: string;
  severity: FindingSeverity | null;
  /** The finding's message, for the mark's title. */
  message: string | null;
}

/**
 * The text cut into pieces at the findings' spans (blocking ones first when spans overlap). A
 * span whose words no longer match the text (the text changed since it was checked) is skipped.
 */
export function segmentsOf(text: string, findings: readonly Finding[]): TextSegment[] {
  const spans = findings
    .filter((f) => f.span && f.span.end > f.span.start && f.span.end <= text.length)
    .filter((f) => !f.excerpt || text.slice(f.span!.start, f.span!.end) === f.excerpt)
    .sort(
      (a, b) =>
        (a.severity === 'block' ? 0 : 1) - (b.severity === 'block' ? 0 : 1) || a.span!.start - b.span!.start,
    );
  const taken: Array<{ start: number; end: number; f: Finding }> = [];
  for (const f of spans) {
    const { start, end } = f.span!;
    if (taken.some((t) => start < t.end && end > t.start)) continue;
    taken.push({ start, end, f });
  }
  taken.sort((a, b) => a.start - b.start);
  const out: TextSegment[] = [];
  let at = 0;
  for (const t of taken) {
    if (t.start > at) out.push({ text: text.slice(at, t.start), severity: null, message: null });
    out.push({ text: text.slice(t.start, t.end), severity: t.f.severity, message: t.f.message });
    at = t.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), severity: null, message: null });
  return out;
}
