import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  APPROVAL_DECISIONS,
  COMPLIANCE_RULES,
  POST_KINDS,
  REVIEW_LIMITS,
  type ApprovalDecision,
  type ApproveRequest,
  type CancelPostRequest,
  type ComplianceRule,
  type CreateCommentRequest,
  type FastTrackRequest,
  type OutsideDecisionRequest,
  type OverrideFindingRequest,
  type PostKind,
  type RequestChangesRequest,
  type RequestOutsideReviewRequest,
} from '@carecast/shared/contracts';
import { IsPlainText } from '../http/plain-text.validator';

const tooLong = (field: string, max: number) => ({ message: `${field} must be at most ${max} characters.` });
const text = (field: string) => ({ message: `${field} must be text.` });

export class ApproveDto implements ApproveRequest {
  @ApiPropertyOptional({ nullable: true, description: 'A note kept with the approval.' })
  @IsOptional()
  @IsString(text('comment'))
  @MaxLength(REVIEW_LIMITS.comment, tooLong('comment', REVIEW_LIMITS.comment))
  @IsPlainText()
  comment?: string | null;
}

export class FastTrackDto extends ApproveDto implements FastTrackRequest {}

export class RequestChangesDto implements RequestChangesRequest {
  @ApiProperty({ description: 'What should change (required).' })
  @IsString(text('comment'))
  @MaxLength(REVIEW_LIMITS.comment, tooLong('comment', REVIEW_LIMITS.comment))
  @IsPlainText()
  comment: string;
}

export class CancelPostDto implements CancelPostRequest {
  @ApiPropertyOptional({ nullable: true, description: 'Why it is withdrawn (kept in the audit trail).' })
  @IsOptional()
  @IsString(text('reason'))
  @MaxLength(REVIEW_LIMITS.reason, tooLong('reason', REVIEW_LIMITS.reason))
  @IsPlainText()
  reason?: string | null;
}

export class OverrideFindingDto implements OverrideFindingRequest {
  @ApiProperty({ enum: COMPLIANCE_RULES })
  @IsIn(COMPLIANCE_RULES, { message: 'rule must be the rule of one of the post’s findings.' })
  rule: ComplianceRule;

  @ApiProperty({ description: 'The finding’s field, e.g. `text` or `variants.<channelId>.text`.' })
  @IsString(text('field'))
  @MaxLength(200, tooLong('field', 200))
  @IsPlainText({ singleLine: true })
  field: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The finding’s excerpt (null when it has none).',
  })
  @ValidateIf((_, value) => value !== null)
  @IsString({ message: 'excerpt must be the finding’s excerpt, or null.' })
  @MaxLength(REVIEW_LIMITS.comment, tooLong('excerpt', REVIEW_LIMITS.comment))
  excerpt: string | null;

  @ApiProperty({ description: 'Why the finding may pass (required; kept with the approval record).' })
  @IsString(text('reason'))
  @MaxLength(REVIEW_LIMITS.reason, tooLong('reason', REVIEW_LIMITS.reason))
  @IsPlainText()
  reason: string;
}

export class CreateCommentDto implements CreateCommentRequest {
  @ApiProperty()
  @IsString(text('text'))
  @MaxLength(REVIEW_LIMITS.comment, tooLong('text', REVIEW_LIMITS.comment))
  @IsPlainText()
  text: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'User ids of the members mentioned (members of this organisation who can read posts).',
  })
  @IsOptional()
  @IsArray({ message: 'mentionedUserIds must be a list of user ids.' })
  @ArrayMaxSize(REVIEW_LIMITS.mentions, {
    message: `A comment may mention at most ${REVIEW_LIMITS.mentions} people.`,
  })
  @IsUUID('all', { each: true, message: 'Each of mentionedUserIds must be a user id.' })
  mentionedUserIds?: string[];
}

export class RequestOutsideReviewDto implements RequestOutsideReviewRequest {
  @ApiProperty({ example: 'Dr. Ana Ruiz' })
  @IsString(text('name'))
  @MaxLength(REVIEW_LIMITS.name, tooLong('name', REVIEW_LIMITS.name))
  @IsPlainText({ singleLine: true })
  name: string;

  @ApiProperty({ example: 'ana.ruiz@physicians.example' })
  @IsEmail({}, { message: 'Enter an email address such as name@practice.org.' })
  @MaxLength(REVIEW_LIMITS.email, tooLong('email', REVIEW_LIMITS.email))
  email: string;

  @ApiPropertyOptional({ nullable: true, description: 'A note for them, in the email and on the page.' })
  @IsOptional()
  @IsString(text('message'))
  @MaxLength(REVIEW_LIMITS.comment, tooLong('message', REVIEW_LIMITS.comment))
  @IsPlainText()
  message?: string | null;
}

export class OutsideDecisionDto implements OutsideDecisionRequest {
  @ApiProperty({ enum: APPROVAL_DECISIONS })
  @IsIn(APPROVAL_DECISIONS, { message: `decision must be one of ${APPROVAL_DECISIONS.join(', ')}.` })
  decision: ApprovalDecision;

  @ApiPropertyOptional({ nullable: true, description: 'Required when asking for changes.' })
  @IsOptional()
  @IsString(text('comment'))
  @MaxLength(REVIEW_LIMITS.comment, tooLong('comment', REVIEW_LIMITS.comment))
  @IsPlainText()
  comment?: string | null;
}

export class PostChangesQueryDto {
  @ApiPropertyOptional({ description: 'The earlier revision (default: the one before `to`).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'from must be a revision number (1, 2, 3...).' })
  @Min(1, { message: 'from must be a revision number (1, 2, 3...).' })
  @Max(1_000_000_000, { message: 'from must be a revision number (1, 2, 3...).' })
  from?: number;

  @ApiPropertyOptional({ description: 'The later revision (default: the current one).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'to must be a revision number (1, 2, 3...).' })
  @Min(1, { message: 'to must be a revision number (1, 2, 3...).' })
  @Max(1_000_000_000, { message: 'to must be a revision number (1, 2, 3...).' })
  to?: number;
}

export class ReviewQueueQueryDto {
  @ApiPropertyOptional({ enum: POST_KINDS })
  @IsOptional()
  @IsIn(POST_KINDS, { message: `kind must be one of ${POST_KINDS.join(', ')}.` })
  kind?: PostKind;

  @ApiPropertyOptional({ description: 'At most this many (default and largest 100).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 100.' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100.' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100.' })
  limit?: number;
}
