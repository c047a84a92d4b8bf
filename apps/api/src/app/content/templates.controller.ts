import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { POST_TEMPLATES, type PostTemplate } from '@carecast/shared/contracts';
import { RequirePermission } from '../identity/access';

@ApiTags('posts')
@Controller('templates')
export class TemplatesController {
  @Get()
  @RequirePermission('content.read')
  @ApiOperation({
    summary:
      'Posts written for practices to start from (flu-shot clinic, weather closure, extended hours, vaccine availability, public-health advisory, new provider), with their `{{variables}}`; alerts with a Spanish text.',
  })
  list(): readonly PostTemplate[] {
    return POST_TEMPLATES;
  }
}
