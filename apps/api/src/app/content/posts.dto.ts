import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ALERT_URGENCIES,
  type AlertUrgency,
  type CreatePostRequest,
  MAX_POST_IMAGES,
  POST_KINDS,
  POST_LIMITS,
  POST_SORTS,
  POST_STATES,
  type PostImageInput,
  type PostKind,
  type PostListQuery,
  type PostSort,
  type PostState,
  type PostVariantInput,
  type SpanishVariantInput,
  type UpdatePostRequest,
} from '@carecast/shared/contracts';
import { IsInstant } from '../http/instant.validator';
import { IsPlainText } from '../http/plain-text.validator';

/** Optional, but not null: leaving it out keeps it; null is no value for it. */
const NotNullIfGiven = () => ValidateIf((_, value) => value !== undefined);

const tooLong = (field: string, max: number) => ({ message: `${field} must be at most ${max} characters.` });

export class PostVariantDto implements PostVariantInput {
  @ApiProperty({ format: 'uuid', description: 'A channel of the organisation.' })
  @IsUUID('all', { message: 'channelId must be the id of a channel of this organisation.' })
  channelId: string;

  @ApiPropertyOptional({ nullable: true, description: "This channel's own text; null: the base text." })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.text, tooLong('text', POST_LIMITS.text))
  @IsPlainText()
  text?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Blog channels only: the article title.' })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.title, tooLong('title', POST_LIMITS.title))
  @IsPlainText({ singleLine: true })
  title?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      'Blog channels only: the article as HTML. Kept to paragraphs, headings h2–h4, bold, italic, lists, quotes and links; everything else is removed.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.body, tooLong('body', POST_LIMITS.body))
  @IsPlainText()
  body?: string | null;
}

export class PostImageDto implements PostImageInput {
  @ApiProperty({ format: 'uuid', description: 'An image uploaded with POST /api/media.' })
  @IsUUID('all', { message: 'mediaId must be the id of an uploaded image.' })
  mediaId: string;

  @ApiPropertyOptional({ nullable: true, description: 'What the image shows; needed unless decorative.' })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.altText, tooLong('altText', POST_LIMITS.altText))
  @IsPlainText()
  altText?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'decorative must be true or false.' })
  decorative?: boolean;
}

export class SpanishVariantDto implements SpanishVariantInput {
  @ApiProperty()
  @IsString()
  @MaxLength(POST_LIMITS.text, tooLong('text', POST_LIMITS.text))
  @IsPlainText()
  text: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.title, tooLong('title', POST_LIMITS.title))
  @IsPlainText({ singleLine: true })
  title?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'HTML, kept to the same tags as a blog body.' })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.body, tooLong('body', POST_LIMITS.body))
  @IsPlainText()
  body?: string | null;
}

/** The parts of a post a person writes (all optional: PATCH sends what changed). */
export class PostContentDto {
  @ApiPropertyOptional({ description: 'The base text, used on every channel without its own.' })
  @NotNullIfGiven()
  @IsString({ message: 'text must be text.' })
  @MaxLength(POST_LIMITS.text, tooLong('text', POST_LIMITS.text))
  @IsPlainText()
  text?: string;

  @ApiPropertyOptional({ nullable: true, description: 'An http(s) address published with the post.' })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.link, tooLong('link', POST_LIMITS.link))
  @IsUrl(
    // No user name or password in it: the link is published for everyone to read.
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, disallow_auth: true },
    {
      message:
        'link must be a web address starting with https:// or http://, without a user name or password.',
    },
  )
  link?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Campaign tags (never published).' })
  @NotNullIfGiven()
  @IsArray({ message: 'tags must be a list.' })
  @ArrayMaxSize(POST_LIMITS.tags, { message: `tags may hold at most ${POST_LIMITS.tags} tags.` })
  @IsString({ each: true, message: 'each tag must be text.' })
  @MaxLength(POST_LIMITS.tag, {
    each: true,
    message: `each tag must be at most ${POST_LIMITS.tag} characters.`,
  })
  @IsPlainText({ each: true, singleLine: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [PostVariantDto], description: 'The channels targeted (replaces the list).' })
  @NotNullIfGiven()
  @IsArray({ message: 'variants must be a list.' })
  @ArrayMaxSize(POST_LIMITS.channels, {
    message: `variants may hold at most ${POST_LIMITS.channels} channels.`,
  })
  @ValidateNested({ each: true })
  @Type(() => PostVariantDto)
  variants?: PostVariantDto[];

  @ApiPropertyOptional({
    type: [PostImageDto],
    description: `Up to ${MAX_POST_IMAGES} images (replaces the list).`,
  })
  @NotNullIfGiven()
  @IsArray({ message: 'images must be a list.' })
  @ArrayMaxSize(MAX_POST_IMAGES, { message: `images may hold at most ${MAX_POST_IMAGES} images.` })
  @ValidateNested({ each: true })
  @Type(() => PostImageDto)
  images?: PostImageDto[];

  @ApiPropertyOptional({ enum: ALERT_URGENCIES, nullable: true, description: 'Health alerts only.' })
  @IsOptional()
  @IsIn(ALERT_URGENCIES, { message: `urgency must be one of ${ALERT_URGENCIES.join(', ')}.` })
  urgency?: AlertUrgency | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'Health alerts only.' })
  @IsOptional()
  @IsInstant()
  validFrom?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'Health alerts only; after validFrom.',
  })
  @IsOptional()
  @IsInstant()
  validUntil?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Health alerts only: the "all clear" follow-up.' })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.allClearText, tooLong('allClearText', POST_LIMITS.allClearText))
  @IsPlainText()
  allClearText?: string | null;

  @ApiPropertyOptional({ type: SpanishVariantDto, nullable: true, description: 'Health alerts only.' })
  @IsOptional()
  @IsObject({ message: 'spanish must be an object with its text.' })
  @ValidateNested()
  @Type(() => SpanishVariantDto)
  spanish?: SpanishVariantDto | null;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'When to publish (an instant, at least a minute ahead); null: when approved.',
  })
  @IsOptional()
  @IsInstant()
  scheduledAt?: string | null;
}

export class CreatePostDto extends PostContentDto implements CreatePostRequest {
  @ApiProperty({ enum: POST_KINDS })
  @IsIn(POST_KINDS, { message: `kind must be one of ${POST_KINDS.join(', ')}.` })
  kind: PostKind;
}

export class UpdatePostDto extends PostContentDto implements UpdatePostRequest {
  @ApiProperty({
    minimum: 1,
    description: 'The revision the changes were made on; a newer one answers 409 and nothing is saved.',
  })
  @IsInt({ message: 'revision must be the whole number of the revision you edited.' })
  @Min(1, { message: 'revision must be 1 or more.' })
  @Max(1_000_000_000, { message: 'revision is not a revision of this post.' })
  revision: number;

  @ApiPropertyOptional({ enum: POST_KINDS })
  @NotNullIfGiven()
  @IsIn(POST_KINDS, { message: `kind must be one of ${POST_KINDS.join(', ')}.` })
  kind?: PostKind;
}

const listOf = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value);

export class PostListQueryDto implements PostListQuery {
  @ApiPropertyOptional({
    enum: POST_STATES,
    isArray: true,
    description: 'One or more states, comma-separated.',
  })
  @IsOptional()
  @Transform(listOf)
  @IsArray({ message: 'state must be one or more states, comma-separated.' })
  @ArrayMaxSize(POST_STATES.length)
  @IsIn(POST_STATES, { each: true, message: `state must be among ${POST_STATES.join(', ')}.` })
  state?: PostState[];

  @ApiPropertyOptional({ enum: POST_KINDS })
  @IsOptional()
  @IsIn(POST_KINDS, { message: `kind must be one of ${POST_KINDS.join(', ')}.` })
  kind?: PostKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be the id of a channel.' })
  channelId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.tag, tooLong('tag', POST_LIMITS.tag))
  @IsPlainText({ singleLine: true })
  tag?: string;

  @ApiPropertyOptional({ description: 'Words in the text, titles, Spanish text or tags.' })
  @IsOptional()
  @IsString()
  @MaxLength(POST_LIMITS.search, tooLong('q', POST_LIMITS.search))
  @IsPlainText({ singleLine: true })
  q?: string;

  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() scheduledFrom?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() scheduledTo?: string;

  @ApiPropertyOptional({ enum: POST_SORTS, default: 'updated_desc' })
  @IsOptional()
  @IsIn(POST_SORTS, { message: `sort must be one of ${POST_SORTS.join(', ')}.` })
  sort?: PostSort;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number.' })
  @Min(0)
  @Max(1_000_000)
  offset?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number.' })
  @Min(1)
  @Max(100)
  limit?: number;
}
