import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldViolation } from '@carecast/shared/contracts';

/** Flatten class-validator's tree into one violation per field and rule. */
export function violationsOf(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...violationsOf(error.children ?? [], field)];
  });
}

/** Request bodies are validated against their DTOs; unknown fields are refused, not ignored. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = violationsOf(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return new BadRequestException({ message: `Invalid request: check ${fields}.`, details });
    },
  });
}
