import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { NOTIFICATION_KINDS, type NotificationKind } from '@carecast/shared/contracts';

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only the unread ones.' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unread must be true or false.' })
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,14}$/, { message: 'before must be the nextCursor of the previous page.' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number.' })
  @Min(1, { message: 'limit must be at least 1.' })
  @Max(100, { message: 'limit must be at most 100.' })
  limit?: number;
}

export class NotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS, { message: `kind must be one of ${NOTIFICATION_KINDS.join(', ')}.` })
  kind: NotificationKind;

  @ApiProperty({ description: 'Show it in the dashboard (the bell).' })
  @IsBoolean({ message: 'inApp must be true or false.' })
  inApp: boolean;

  @ApiProperty({ description: 'Send it by email.' })
  @IsBoolean({ message: 'email must be true or false.' })
  email: boolean;
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({
    type: [NotificationPreferenceDto],
    description: 'The kinds to change, each once; kinds not given keep their settings.',
  })
  @IsArray({ message: 'preferences must be a list.' })
  @ArrayMaxSize(NOTIFICATION_KINDS.length, {
    message: `preferences must name at most ${NOTIFICATION_KINDS.length} kinds.`,
  })
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  preferences: NotificationPreferenceDto[];
}
