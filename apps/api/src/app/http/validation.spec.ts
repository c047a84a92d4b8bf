import { BadRequestException } from '@nestjs/common';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { apiValidationPipe } from './validation';

class ScheduleDto {
  @IsInt()
  @Min(0)
  minute: number;
}

class DraftDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  title: string;

  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule: ScheduleDto;
}

async function violations(body: unknown) {
  try {
    await apiValidationPipe().transform(body, { type: 'body', metatype: DraftDto });
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return (e as BadRequestException).getResponse() as { message: string; details: unknown[] };
  }
  throw new Error('expected a validation failure');
}

describe('apiValidationPipe', () => {
  it('names each field and rule, nested fields by their dotted path', async () => {
    const res = await violations({ title: 'far too long a title', schedule: { minute: -1 } });
    expect(res.details).toEqual(
      expect.arrayContaining([
        { field: 'title', rule: 'maxLength', message: expect.any(String) },
        { field: 'schedule.minute', rule: 'min', message: expect.any(String) },
      ]),
    );
    expect(res.message).toBe('Invalid request: check title, schedule.minute.');
  });

  it('refuses unknown fields instead of silently dropping them', async () => {
    const res = await violations({ title: 'ok', schedule: { minute: 1 }, approvedBy: 'me' });
    expect(res.details).toEqual([
      { field: 'approvedBy', rule: 'whitelistValidation', message: expect.any(String) },
    ]);
  });

  it('passes a valid body through, transformed to the DTO class', async () => {
    const out = await apiValidationPipe().transform(
      { title: 'ok', schedule: { minute: 5 } },
      { type: 'body', metatype: DraftDto },
    );
    expect(out).toBeInstanceOf(DraftDto);
    expect(out.schedule).toBeInstanceOf(ScheduleDto);
  });
});
