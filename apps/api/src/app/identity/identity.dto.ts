import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ROLES, type Role } from '@carecast/shared/contracts';
import { IsInstant } from '../http/instant.validator';

export class SignInDto {
  @ApiProperty({ example: 'dana@riverside.example' })
  @IsEmail({}, { message: 'Enter an email address such as name@practice.org.' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: 'Enter your password.' })
  @MaxLength(256)
  password: string;
}

export class MfaCodeDto {
  @ApiProperty({
    description: 'The 6-digit code of the authenticator app, or a recovery code.',
    example: '123456',
  })
  @IsString()
  @IsNotEmpty({ message: 'Enter the code.' })
  @MaxLength(32)
  code: string;
}

export class SwitchOrganisationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'organisationId must be an organisation id.' })
  organisationId: string;
}

export class EmailDto {
  @ApiProperty()
  @IsEmail({}, { message: 'Enter an email address such as name@practice.org.' })
  @MaxLength(254)
  email: string;
}

export class CompleteResetDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) token: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256) password: string;
}

export class AcceptInvitationDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128) token: string;

  @ApiPropertyOptional({ description: 'Required for a new account.' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  displayName?: string;

  @ApiProperty({ description: 'New password (new account) or the password of the existing account.' })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class RolesDto {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty({ message: 'Choose at least one role.' })
  @IsIn(ROLES, { each: true, message: `Each role must be one of ${ROLES.join(', ')}.` })
  roles: Role[];
}

export class InviteDto extends RolesDto {
  @ApiProperty()
  @IsEmail({}, { message: 'Enter an email address such as name@practice.org.' })
  @MaxLength(254)
  email: string;
}

export class SecuritySettingsDto {
  @ApiProperty() @IsBoolean() mfaRequired: boolean;

  @ApiProperty({ minimum: 1, maximum: 720, default: 15 })
  @IsInt()
  @Min(1)
  @Max(720)
  idleTimeoutPrivilegedMinutes: number;

  @ApiProperty({ minimum: 1, maximum: 720, default: 30 })
  @IsInt()
  @Min(1)
  @Max(720)
  idleTimeoutStandardMinutes: number;
}

export class AuditQueryDto {
  @ApiPropertyOptional({
    description:
      'An action code or its beginning (e.g. `auth.`), or words of its plain name (e.g. `sign in` finds `auth.signed_in`).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID('all') actorUserId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() to?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,14}$/, { message: 'cursor must be the nextCursor of the previous page.' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
