import type { Finding } from '@carecast/shared/contracts';
import { overlaps } from '../text/text-scope';
import { dateFindings } from './date-check';
import { type ScanTarget, identifierFindings } from './identifier-check';
import { nameFindings } from './name-check';
import type { OrganisationDetails } from './organisation-details';

/** Every identifier (P1) in one text, in reading order; a date inside a number found already is not repeated. */
export function phiFindings(target: ScanTarget, org: OrganisationDetails): Finding[] {
  const identifiers = identifierFindings(target, org);
  const dates = dateFindings(target).filter(
    (d) => !identifiers.some((f) => f.span && d.span && overlaps(f.span, d.span)),
  );
  const names = nameFindings(target, org).filter(
    (n) => !identifiers.some((f) => f.span && n.span && overlaps(f.span, n.span)),
  );
  return [...identifiers, ...dates, ...names].sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}
