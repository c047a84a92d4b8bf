import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Whether `value` is an ISO 8601 date or date and time that names one instant: strictly ISO
 * (no 30 February, a `T` between date and time) and one that `Date` reads. ISO 8601 also
 * allows forms `Date` cannot read (week dates `2020-W01`, the basic form `20200101T000000Z`),
 * which would reach the database as an invalid date.
 */
export function isInstant(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    isISO8601(value, { strict: true, strictSeparator: true }) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** A query or body field holding an ISO 8601 instant (rule `isInstant`). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => isInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'the value'} must be a date, or a date and time, in ISO 8601 form (2026-01-31 or 2026-01-31T09:00:00Z).`,
      },
    },
    options,
  );
}
