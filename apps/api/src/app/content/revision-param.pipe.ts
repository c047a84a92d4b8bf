import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { FieldViolation } from '@carecast/shared/contracts';

/** A revision number in the path (1, 2, 3...): anything else is a 400 naming `revision`. */
@Injectable()
export class RevisionParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    // The global validation pipe may have turned the text into a number already.
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text === 'string' && /^[1-9]\d{0,8}$/.test(text)) return Number(text);
    const violation: FieldViolation = {
      field: 'revision',
      rule: 'isRevision',
      message: 'revision must be a revision number of the post (1, 2, 3...).',
    };
    throw new BadRequestException({ message: 'Invalid request: check revision.', details: [violation] });
  }
}
