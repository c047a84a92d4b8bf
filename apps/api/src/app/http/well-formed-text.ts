import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { hasLoneSurrogate } from '@carecast/server/core';
import type { FieldViolation } from '@carecast/shared/contracts';

const NUL = '\u0000';

function violationOf(text: string, field: string): FieldViolation | null {
  // A UTF-16 surrogate that is not half of a pair: not a character, and PostgreSQL cannot store it.
  if (hasLoneSurrogate(text))
    return {
      field,
      rule: 'wellFormedUnicode',
      message: `${field} must be well-formed Unicode text (it holds a lone surrogate).`,
    };
  if (text.includes(NUL))
    return { field, rule: 'noNulCharacter', message: `${field} must not contain a NUL character.` };
  return null;
}

/**
 * The first string (or key) in a parsed body or query that is not well-formed text: a lone
 * surrogate or a NUL character. Fields are named by their dotted path (`credentials.username`,
 * `ids.0`), as the validation pipe names them.
 */
export function malformedTextIn(value: unknown, path = ''): FieldViolation | null {
  if (typeof value === 'string') return violationOf(value, path || 'body');
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const found = violationOf(key, field) ?? malformedTextIn(item, field);
    if (found) return found;
  }
  return null;
}

/**
 * Every API request: its query and body hold only well-formed text (checked for every route,
 * before validation, so new routes and DTOs are covered). Bodies under `exceptUnder` are left
 * to their route (signed webhooks must be accepted as the platform sent them).
 */
export function refuseMalformedText(exceptUnder: string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const bodyExempt = exceptUnder.some((prefix) => req.originalUrl.startsWith(prefix));
    const inBody = bodyExempt ? null : malformedTextIn(req.body);
    const found = malformedTextIn(req.query) ?? inBody;
    if (!found) return next();
    next(new BadRequestException({ message: `Invalid request: check ${found.field}.`, details: [found] }));
  };
}
