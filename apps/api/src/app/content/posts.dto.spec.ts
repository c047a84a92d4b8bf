import { BadRequestException } from '@nestjs/common';
import type { FieldViolation } from '@carecast/shared/contracts';
import { apiValidationPipe } from '../http/validation';
import { CreatePostDto } from './posts.dto';

async function violationsOf(body: object): Promise<FieldViolation[]> {
  try {
    await apiValidationPipe().transform(
      { kind: 'post', text: 'Flu shots are here.', ...body },
      {
        type: 'body',
        metatype: CreatePostDto,
      },
    );
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return ((e as BadRequestException).getResponse() as { details: FieldViolation[] }).details;
  }
  return [];
}

describe('CreatePostDto', () => {
  it('takes an ordinary web link', async () => {
    await expect(violationsOf({ link: 'https://riverside.example/flu?clinic=2' })).resolves.toEqual([]);
  });

  it('refuses a link carrying a user name or password: it would be published for everyone', async () => {
    for (const link of ['https://user:secret@riverside.example/', 'https://riverside.example@evil.example/'])
      await expect(violationsOf({ link })).resolves.toEqual([
        expect.objectContaining({ field: 'link', rule: 'isUrl' }),
      ]);
  });

  it('names the control character found in one of a list of tags', async () => {
    const [violation] = await violationsOf({ tags: ['flu', 'clinic\u0007day'] });
    expect(violation).toMatchObject({ field: 'tags', rule: 'noControlCharacters' });
    expect(violation.message).toContain('U+0007');
  });
});
