import { Injectable } from '@nestjs/common';
import type { Finding } from '@carecast/shared/contracts';
import {
  checkContent,
  checkReply,
  type CheckContext,
  type ContentCheckInput,
} from '@carecast/shared/compliance';

/** The authority on findings: the shared checks plus whether the post's link resolves. */
@Injectable()
export class ComplianceService {
  async checkContent(input: ContentCheckInput, ctx: CheckContext): Promise<Finding[]> {
    return checkContent(input, ctx);
  }

  checkReply(text: string, ctx: CheckContext): Finding[] {
    return checkReply(text, ctx);
  }
}
