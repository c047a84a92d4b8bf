import { ValidationError } from '@carecast/server/core';

/** The text, trimmed; 422 naming the field and the rule when there is none. */
export function requiredText(text: string | null | undefined, field: string, message: string): string {
  const trimmed = (text ?? '').trim();
  if (!trimmed) throw new ValidationError(message, [{ field, rule: 'isNotEmpty', message }]);
  return trimmed;
}
