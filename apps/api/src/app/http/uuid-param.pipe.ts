import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FieldViolation } from '@carecast/shared/contracts';

/**
 * A path parameter that must be an id (a UUID): anything else is a 400 naming the parameter,
 * before any query runs. Use as `@Param('id', UuidParamPipe)`.
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value, 'all')) return value;
    const field = metadata.data ?? 'id';
    const violation: FieldViolation = {
      field,
      rule: 'isUuid',
      message: `${field} must be an id (a UUID such as 3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e).`,
    };
    throw new BadRequestException({ message: `Invalid request: check ${field}.`, details: [violation] });
  }
}
