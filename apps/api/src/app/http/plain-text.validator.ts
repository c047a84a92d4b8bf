import { ValidateBy, type ValidationOptions } from 'class-validator';

// eslint-disable-next-line no-control-regex -- control characters are what must be found
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- control characters are what must be found
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f]/;

function codeOf(text: string, pattern: RegExp): string {
  const found = pattern.exec(text)?.[0] ?? '';
  return `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Text a person typed: no control characters (rule `noControlCharacters`) but tab, line feed and
 * carriage return, which text may hold. With `singleLine`, not those either (a title, a tag).
 * Strings only; other values are left to the other rules of the field.
 */
export function IsPlainText(options?: ValidationOptions & { singleLine?: boolean }): PropertyDecorator {
  const pattern = options?.singleLine ? CONTROL_OR_BREAK : CONTROL;
  return ValidateBy(
    {
      name: 'noControlCharacters',
      validator: {
        validate: (value) => typeof value !== 'string' || !pattern.test(value),
        defaultMessage: (args) => {
          // With `each`, the value is the list: name the character of the first entry holding one.
          const values: unknown[] = Array.isArray(args?.value) ? args.value : [args?.value];
          const value = values.find((v): v is string => typeof v === 'string' && pattern.test(v)) ?? '';
          const what = options?.singleLine ? 'control characters or line breaks' : 'control characters';
          return `${args?.property ?? 'the text'} must not contain ${what} (found ${codeOf(value, pattern)}).`;
        },
      },
    },
    options,
  );
}
