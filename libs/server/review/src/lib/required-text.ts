import { ValidationError } from '@carecast/server/core';

/** Spaces and the characters that show nothing (zero-width spaces, joiners, byte order marks). */
const INVISIBLE = /[\p{White_Space}\p{Cf}]/gu;

/** The text, trimmed; 422 naming the field and the rule when there is none, or none that shows. */
export function requiredText(text: string | null | undefined, field: string, message: string): string {
  const trimmed = (text ?? '').trim();
  if (!trimmed.replace(INVISIBLE, ''))
    throw new ValidationError(message, [{ field, rule: 'isNotEmpty', message }]);
  return trimmed;
}
