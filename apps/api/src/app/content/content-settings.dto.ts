import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CONTENT_SETTINGS_LIMITS as L,
  type PracticeContactDetails,
  type UpdateContentSettingsRequest,
} from '@carecast/shared/contracts';
import { IsPlainText } from '../http/plain-text.validator';

const approvals = (field: string) => ({
  message: `${field} must be a whole number from ${L.minApprovals} to ${L.maxApprovals}.`,
});

/** A list of short single-line entries (phones, addresses, names...). */
function EntryList(field: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ type: [String] })(target, key);
    IsArray({ message: `${field} must be a list.` })(target, key);
    ArrayMaxSize(L.entries, { message: `${field} may hold at most ${L.entries} entries.` })(target, key);
    IsString({ each: true, message: `each of ${field} must be text.` })(target, key);
    MaxLength(L.entry, { each: true, message: `each of ${field} must be at most ${L.entry} characters.` })(
      target,
      key,
    );
    IsPlainText({ each: true, singleLine: true })(target, key);
  };
}

export class RequiredApprovalsDto {
  @ApiProperty({ minimum: L.minApprovals, maximum: L.maxApprovals })
  @IsInt(approvals('post'))
  @Min(L.minApprovals, approvals('post'))
  @Max(L.maxApprovals, approvals('post'))
  post: number;

  @ApiProperty({ minimum: L.minApprovals, maximum: L.maxApprovals })
  @IsInt(approvals('health_alert'))
  @Min(L.minApprovals, approvals('health_alert'))
  @Max(L.maxApprovals, approvals('health_alert'))
  health_alert: number;
}

export class PracticeContactDetailsDto implements PracticeContactDetails {
  @EntryList('phones') phones: string[];

  @EntryList('emails')
  @IsEmail({}, { each: true, message: 'each of emails must be an email address.' })
  emails: string[];

  @EntryList('addresses') addresses: string[];
  @EntryList('websites') websites: string[];
}

export class UpdateContentSettingsDto implements UpdateContentSettingsRequest {
  @ApiProperty({ type: RequiredApprovalsDto, description: 'Approvals each kind needs (1–3).' })
  @IsObject({ message: 'requiredApprovals must be an object: {post, health_alert}.' })
  @ValidateNested()
  @Type(() => RequiredApprovalsDto)
  requiredApprovals: RequiredApprovalsDto;

  @ApiProperty({
    description: 'Emergency health alerts may be approved at once by a manager and a reviewer.',
  })
  @IsBoolean({ message: 'allowEmergencyFastPath must be true or false.' })
  allowEmergencyFastPath: boolean;

  @ApiProperty({ description: 'Health alerts must carry a Spanish variant.' })
  @IsBoolean({ message: 'requireSpanishForAlerts must be true or false.' })
  requireSpanishForAlerts: boolean;

  @ApiProperty({
    type: PracticeContactDetailsDto,
    description: "The practice's own published phones, emails, addresses and websites (allowed in posts).",
  })
  @IsObject({ message: 'contact must be an object: {phones, emails, addresses, websites}.' })
  @ValidateNested()
  @Type(() => PracticeContactDetailsDto)
  contact: PracticeContactDetailsDto;

  @ApiProperty({ type: [String], description: 'Staff names that may appear in posts.' })
  @IsArray({ message: 'staffNames must be a list.' })
  @ArrayMaxSize(L.entries, { message: `staffNames may hold at most ${L.entries} names.` })
  @IsString({ each: true, message: 'each of staffNames must be text.' })
  @MaxLength(L.entry, { each: true, message: `each of staffNames must be at most ${L.entry} characters.` })
  @IsPlainText({ each: true, singleLine: true })
  staffNames: string[];
}
